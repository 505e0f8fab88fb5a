"""Alarms: what people do with them, the queue's view of the open ones, and the
rules that raise work orders from them."""
