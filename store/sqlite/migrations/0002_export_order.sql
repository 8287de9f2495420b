-- The order of exports (store.Store.Documents): published day, undated
-- first, then id. Keep in step with ../../postgres/migrations.
CREATE INDEX documents_export_order ON documents (coalesce(day, ''), id);
