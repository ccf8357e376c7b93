"""perfdesk: fill in, check, print and send 预算绩效目标 forms."""

__version__ = "0.1.0"
