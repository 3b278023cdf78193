"""Exercise apps, one module per exercise; ``base.ExerciseApp`` is the shared pattern.

Import the app you need, e.g. ``from svc_helpers.apps.pricing import PricingTiersApp``.
"""
