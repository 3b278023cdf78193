"""Shared fixtures for the app tests: the bundled case, loaded once."""
import pytest

from svc_helpers.casedata import load_case


@pytest.fixture(scope="session")
def case():
    return load_case()
