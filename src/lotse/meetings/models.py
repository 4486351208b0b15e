"""Bodies, meetings, invitations, attendance, minutes, Fachtag topics, board elections."""
