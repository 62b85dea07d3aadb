"""netdesk: build a professional network on purpose and run informational interviews."""

__version__ = "0.1.0"
APP_NAME = "netdesk"
