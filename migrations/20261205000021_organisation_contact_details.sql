-- An organisation's own contact details, beside its people's: the office e-mail and phone of a
-- cluster and of a member organisation, and the cluster's postal address for correspondence
-- (when letters go elsewhere than the registered office in `address`). They belong to the
-- organisation, not to a person, so the personal-data rules of contacts do not apply to them.
ALTER TABLE clusters ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE clusters ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE clusters ADD COLUMN postal_address TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN phone TEXT NOT NULL DEFAULT '';
