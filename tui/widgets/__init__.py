"""Widgets shared by the sections."""
