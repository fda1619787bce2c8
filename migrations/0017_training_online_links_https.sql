-- Trainings (issue 10, owner: trainings; creates no table): online session links
-- are https:// only. Links stored before that rule as http:// are rewritten to
-- https:// rather than cleared: every common meeting service (Teams, Zoom, Webex,
-- Jitsi, Google Meet) answers the same address over https, so participants keep
-- a working link and organisers need not re-enter it, which is what browsers do
-- themselves when they upgrade a link. The old rule compared the scheme case-
-- sensitively, but the comparison here ignores case to be safe.
UPDATE training_sessions
   SET online_url = 'https://' || substr(online_url, 8)
 WHERE lower(substr(online_url, 1, 7)) = 'http://';
