"""The widgets' tests: fresh QSettings in a temporary folder for every test."""

from tests.support.qt_fixtures import fresh_settings

__all__ = ["fresh_settings"]  # autouse: every test here starts from empty settings
