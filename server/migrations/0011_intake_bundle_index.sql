-- 一件事一次办: an intake's detail lists the other intakes of its sitting, those whose payload
-- carries the same lifeEvent.bundleId. An expression index keeps that a lookup rather than a
-- scan of every intake the county holds.
CREATE INDEX intakes_bundle_idx ON intakes ((payload -> 'lifeEvent' ->> 'bundleId'));
