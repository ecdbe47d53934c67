from django.apps import AppConfig


class ThrowawayConfig(AppConfig):
    """A record type that exists only in the test settings, to show that declaring a model is all a
    new record type needs (tests/portal/test_record_types.py)."""

    name = "tests.throwaway"
    label = "throwaway"
