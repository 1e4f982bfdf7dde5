"""Readers' data in their hands: download it (an archive prepared by the worker, emailed as a
link that expires), erase it (an account, or what a guest's proven address ties together), and
the worker's retention of client addresses. See ``subjects`` for whose data is whose."""
