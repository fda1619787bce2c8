-- The directory of local help services (issue 12, citizens "directory"), shaped after
-- Open Referral HSDS 3.0: organisation -> service -> location, with phones, a weekly
-- schedule, the service area and languages. Themes and target groups are lists of
-- codes in one column each ("partner_violence,child_abuse"); opening hours are the
-- canonical text of citizens::format_hours (one line per period).
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: citizens: help_organizations, help_services, help_service_areas, help_locations, help_phones

CREATE TABLE help_organizations (
  id @ID@,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE help_services (
  id @ID@,
  organization_id BIGINT NOT NULL REFERENCES help_organizations (id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  service_type TEXT NOT NULL,      -- citizens::service_type_code
  referral TEXT NOT NULL,          -- self, professional
  themes TEXT NOT NULL DEFAULT '',
  target_groups TEXT NOT NULL DEFAULT '',
  languages TEXT NOT NULL DEFAULT '',
  hours TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  area_kind TEXT NOT NULL,         -- local, province, flanders
  area_province TEXT NOT NULL DEFAULT '',
  owner_nis_code TEXT NULL REFERENCES municipalities (nis_code),  -- NULL: supra-local
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX help_services_by_owner ON help_services (owner_nis_code);

-- A local service's municipalities, in the order given (the first maintains it).
CREATE TABLE help_service_areas (
  id @ID@,
  service_id BIGINT NOT NULL REFERENCES help_services (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  nis_code TEXT NOT NULL REFERENCES municipalities (nis_code)
);
CREATE INDEX help_service_areas_by_nis ON help_service_areas (nis_code);
CREATE INDEX help_service_areas_by_service ON help_service_areas (service_id);

CREATE TABLE help_locations (
  id @ID@,
  service_id BIGINT NOT NULL UNIQUE REFERENCES help_services (id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  postcode TEXT NOT NULL,
  nis_code TEXT NOT NULL REFERENCES municipalities (nis_code),
  accessibility TEXT NOT NULL DEFAULT ''
);

CREATE TABLE help_phones (
  id @ID@,
  service_id BIGINT NOT NULL REFERENCES help_services (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  number TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX help_phones_by_service ON help_phones (service_id);
