-- Parent usernames no longer carry the phone number (filled in by the usernames change).
SELECT 1;
