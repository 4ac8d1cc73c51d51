-- A team case's hub: the case's signed entries, the keys that sign them,
-- the originals and reports the store holds. Entries, keys and objects are
-- append-only (no UPDATE or DELETE grants, and triggers refuse them to
-- anyone short of a superuser who switches triggers off). What each member
-- may push is enforced here, by grants and row-level security, never by
-- the client.

-- The group roles (cluster-wide: one cluster per team).
DO $$
DECLARE g text;
BEGIN
  FOREACH g IN ARRAY ARRAY['exhibit_owner', 'exhibit_editor', 'exhibit_coder', 'exhibit_viewer'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', g);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- made this moment by a hub of another database
      END;
    END IF;
  END LOOP;
END $$;

CREATE TABLE hub_info (
  one        boolean PRIMARY KEY DEFAULT true CHECK (one),
  case_id    text NOT NULL,
  store      text NOT NULL,
  created_by text NOT NULL DEFAULT current_user,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- keys: every key that signs entries on the hub, registered by the PG role
-- that pushes with it; member is the number of the laptop that holds it (its
-- rows' ids are in [member<<32, (member+1)<<32)).
CREATE SEQUENCE member_numbers START 1;
CREATE TABLE keys (
  fingerprint    text PRIMARY KEY,
  public_key_pem text NOT NULL,
  actor          text NOT NULL DEFAULT '',
  first_at       text NOT NULL DEFAULT '',
  pg_role        text NOT NULL DEFAULT current_user,
  member         bigint NOT NULL UNIQUE DEFAULT nextval('member_numbers'),
  registered_at  timestamptz NOT NULL DEFAULT now()
);

-- entries: the case's audit entries in the order the hub took them (seq).
-- rows is {ref: row hash} ("" for a row removed), data {ref: row content}
-- as json, byte for byte as pushed.
CREATE TABLE entries (
  seq         bigserial PRIMARY KEY,
  hash        text NOT NULL UNIQUE,
  prev        text NOT NULL,
  depth       bigint NOT NULL,
  at          text NOT NULL,
  actor       text NOT NULL,
  key         text NOT NULL,
  session     text NOT NULL,
  action      text NOT NULL,
  object      text NOT NULL,
  details     text NOT NULL,
  rows_digest text NOT NULL,
  rows        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(rows) = 'object'),
  data        json NOT NULL DEFAULT '{}',
  signer      text NOT NULL REFERENCES keys (fingerprint),
  signature   text NOT NULL,
  pushed_by   text NOT NULL DEFAULT current_user,
  pushed_at   timestamptz NOT NULL DEFAULT now()
);

-- objects: the originals and report files put in the store, by SHA-256.
CREATE TABLE objects (
  sha256    text NOT NULL,
  kind      text NOT NULL CHECK (kind IN ('original', 'report')),
  size      bigint NOT NULL,
  pushed_by text NOT NULL DEFAULT current_user,
  pushed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sha256, kind)
);

CREATE FUNCTION exhibit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the hub''s % are append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
CREATE TRIGGER hub_info_append_only BEFORE UPDATE OR DELETE ON hub_info FOR EACH ROW EXECUTE FUNCTION exhibit_append_only();
CREATE TRIGGER keys_append_only BEFORE UPDATE OR DELETE ON keys FOR EACH ROW EXECUTE FUNCTION exhibit_append_only();
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries FOR EACH ROW EXECUTE FUNCTION exhibit_append_only();
CREATE TRIGGER objects_append_only BEFORE UPDATE OR DELETE ON objects FOR EACH ROW EXECUTE FUNCTION exhibit_append_only();
CREATE TRIGGER hub_info_no_truncate BEFORE TRUNCATE ON hub_info FOR EACH STATEMENT EXECUTE FUNCTION exhibit_append_only();
CREATE TRIGGER keys_no_truncate BEFORE TRUNCATE ON keys FOR EACH STATEMENT EXECUTE FUNCTION exhibit_append_only();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries FOR EACH STATEMENT EXECUTE FUNCTION exhibit_append_only();
CREATE TRIGGER objects_no_truncate BEFORE TRUNCATE ON objects FOR EACH STATEMENT EXECUTE FUNCTION exhibit_append_only();

-- Grants: everyone reads; keys are registered by anyone, for themselves
-- (pg_role and member take their defaults: no column grant); entries are
-- pushed by coders, editors and owners; objects by editors and owners.
GRANT SELECT ON hub_info, keys, entries, objects, hub_migrations TO exhibit_owner, exhibit_editor, exhibit_coder, exhibit_viewer;
GRANT INSERT (fingerprint, public_key_pem, actor, first_at) ON keys TO exhibit_owner, exhibit_editor, exhibit_coder, exhibit_viewer;
GRANT USAGE ON SEQUENCE member_numbers TO exhibit_owner, exhibit_editor, exhibit_coder, exhibit_viewer;
GRANT INSERT (hash, prev, depth, at, actor, key, session, action, object, details, rows_digest, rows, data, signer, signature)
  ON entries TO exhibit_owner, exhibit_editor, exhibit_coder;
GRANT USAGE ON SEQUENCE entries_seq_seq TO exhibit_owner, exhibit_editor, exhibit_coder;
GRANT INSERT (sha256, kind, size) ON objects TO exhibit_owner, exhibit_editor;

ALTER TABLE keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE keys FORCE ROW LEVEL SECURITY;
CREATE POLICY keys_read ON keys FOR SELECT USING (true);
CREATE POLICY keys_own ON keys FOR INSERT WITH CHECK (pg_role = current_user);

ALTER TABLE objects ENABLE ROW LEVEL SECURITY;
ALTER TABLE objects FORCE ROW LEVEL SECURITY;
CREATE POLICY objects_read ON objects FOR SELECT USING (true);
CREATE POLICY objects_own ON objects FOR INSERT WITH CHECK (pushed_by = current_user);

-- Entries: editors and owners push any entry, coders only entries whose
-- rows are all in the coding tables and remove nothing; and every entry
-- must be signed by a key of the pushing role's own.
ALTER TABLE entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE entries FORCE ROW LEVEL SECURITY;
CREATE POLICY entries_read ON entries FOR SELECT USING (true);
CREATE POLICY entries_edit ON entries FOR INSERT TO exhibit_owner, exhibit_editor WITH CHECK (true);
CREATE POLICY entries_code ON entries FOR INSERT TO exhibit_coder WITH CHECK (
  NOT EXISTS (
    SELECT 1 FROM jsonb_each_text(rows) AS r(ref, hash)
    WHERE r.hash = ''
       OR split_part(r.ref, '/', 1) NOT IN ('site_codes', 'notes', 'site_notes', 'tags', 'site_tags')));
-- An entry that carries its rows' content (written since the case joined
-- the hub) is its signer's own: its author's key is the signing key. Only
-- history, written before the hub, may come from other keys.
CREATE POLICY entries_signed ON entries AS RESTRICTIVE FOR INSERT WITH CHECK (
  pushed_by = current_user
  AND EXISTS (SELECT 1 FROM keys k WHERE k.fingerprint = signer AND k.pg_role = current_user)
  AND (key = signer OR data::jsonb = '{}'::jsonb));

-- exhibit_add_member makes a login role (when there is none of that name)
-- and puts it in one group role, out of the others: for owners only. It runs
-- as the role that made the hub (which may create roles).
CREATE FUNCTION exhibit_add_member(who text, grp text, password text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE g text;
BEGIN
  IF NOT pg_has_role(session_user, 'exhibit_owner', 'MEMBER') THEN
    RAISE EXCEPTION 'only an owner of the hub adds members (% is not one)', session_user USING ERRCODE = '42501';
  END IF;
  IF grp NOT IN ('owner', 'editor', 'coder', 'viewer') THEN
    RAISE EXCEPTION 'no role "%": owner, editor, coder or viewer', grp USING ERRCODE = '22023';
  END IF;
  IF who !~ '^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$' OR who LIKE 'pg\_%' OR who LIKE 'exhibit\_%' THEN
    RAISE EXCEPTION 'no member may be called "%"', who USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who AND (rolsuper OR rolcreaterole)) THEN
    RAISE EXCEPTION 'role % administers the server: it is no member', who USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN
    IF password IS NULL OR password = '' THEN
      EXECUTE format('CREATE ROLE %I LOGIN', who);
    ELSE
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', who, password);
    END IF;
  ELSIF password IS NOT NULL AND password <> '' THEN
    RAISE EXCEPTION 'role % exists: its password is its own to change', who USING ERRCODE = '42501';
  END IF;
  FOREACH g IN ARRAY ARRAY['owner', 'editor', 'coder', 'viewer'] LOOP
    IF g = grp THEN
      EXECUTE format('GRANT %I TO %I', 'exhibit_' || g, who);
    ELSIF pg_has_role(who, 'exhibit_' || g, 'MEMBER') THEN
      EXECUTE format('REVOKE %I FROM %I', 'exhibit_' || g, who);
    END IF;
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION exhibit_add_member(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION exhibit_add_member(text, text, text) TO exhibit_owner;
