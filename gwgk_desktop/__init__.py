"""GWGK Desktop: keeps a public-security unit's government-disclosure catalogue (政务公开目录)."""

__version__ = "0.1.0"
APP_NAME = "gwgk-desktop"
APP_DISPLAY_NAME = "政务公开目录"
