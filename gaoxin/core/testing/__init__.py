"""Test support that more than one app's tests use (not tests themselves, and never imported
by the platform): the platform run under uvicorn in a process of its own with Chromium to
drive it (:mod:`.browser`), and a websocket client for consumer tests (:mod:`.sockets`)."""
