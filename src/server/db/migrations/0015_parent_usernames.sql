-- Parent usernames no longer carry the phone number (issue 13). Earlier versions named a registered parent
-- `p<mobile>`, which showed the full number in the people list and in every audit row's actor name. Each such
-- account is renamed as registration now names parents (registration.service.ts newParentUsername): `p` and 12
-- random hex characters with 0 and 1 written x and y. Parents sign in with their phone, which stays as it was.
-- Only accounts that hold a phone are renamed (they can still sign in with it); one without a phone keeps its name.
-- Each rename is audited like any change: the old name masked, the new one in full (sealed into the chain later).
WITH renamed AS (
  UPDATE users AS u
  SET username = 'p' || translate(substr(md5(random()::text || u.id::text || clock_timestamp()::text), 1, 12), '01', 'xy'),
    updated_at = now()
  FROM (SELECT id, username FROM users WHERE username ~ '^p1[3-9][0-9]{9}$' AND phone IS NOT NULL) AS old
  WHERE u.id = old.id
  RETURNING u.id, old.username AS old_username, u.username AS new_username
)
INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, org_path, before, after)
SELECT now(), NULL, NULL, 'user.rename', 'user', id::text, NULL,
  jsonb_build_object('username', substr(old_username, 1, 4) || '****' || right(old_username, 4)),
  jsonb_build_object('username', new_username)
FROM renamed;
