"""Pure business rules: data and parameters in, numbers and findings out.

No widgets, no plotting. Every public function names the source of its formula.
Validation rules return ``Finding`` objects whose messages are in Chinese, so an app
can show each one beside the field it concerns.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """Something wrong with the trainee's input.

    ``field`` names the input it concerns (an app shows the message beside that field;
    ``""`` means the exercise as a whole); ``message`` is Chinese, for the trainee.
    """

    field: str
    message: str


__all__ = ["Finding"]
