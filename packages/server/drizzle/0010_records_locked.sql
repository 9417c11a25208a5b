-- A closed record is locked at the database too: its documents cannot be deleted
-- and their point-of-capture metadata and file cannot change; only what is
-- derived later (OCR derivative, signature re-validation, text extraction) may.
-- The record itself may only move from closed to destroyed and take or release a
-- legal hold. Someone with owner rights can disable these triggers; the seal
-- hash in the audit chain is what makes that tampering detectable (verify).
CREATE FUNCTION documents_refuse_locked_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  record_status text;
  derived text[] := ARRAY['derivative_file_id', 'signature_status', 'signature_report', 'text_status'];
BEGIN
  SELECT status INTO record_status FROM records WHERE id = OLD.record_id;
  IF record_status = 'open' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - derived) IS DISTINCT FROM (to_jsonb(OLD) - derived) THEN
    RAISE EXCEPTION 'document % belongs to a closed record and cannot change (% refused)', OLD.id, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER documents_locked_when_closed
  BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_refuse_locked_change();
--> statement-breakpoint
CREATE FUNCTION records_refuse_locked_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  free text[] := ARRAY['status', 'legal_hold', 'updated_at'];
BEGIN
  IF OLD.status = 'open' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE'
    OR (to_jsonb(NEW) - free) IS DISTINCT FROM (to_jsonb(OLD) - free)
    OR NEW.status = 'open'
    OR (OLD.status = 'destroyed' AND NEW.status <> 'destroyed') THEN
    RAISE EXCEPTION 'record % is closed and cannot change (% refused)', OLD.id, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER records_locked_when_closed
  BEFORE UPDATE OR DELETE ON records
  FOR EACH ROW EXECUTE FUNCTION records_refuse_locked_change();
--> statement-breakpoint
-- Default record classes (domain.md §5; the periods are [open]: administrators edit them).
INSERT INTO record_classes (id, code, name, retention_years, basis, is_active, updated_at) VALUES
  (gen_random_uuid(), 'NT', 'Hồ sơ nghiệm thu dịch vụ sự nghiệp công công nghệ thông tin', 20, 'Mặc định của NghiemThu; đối chiếu Thông tư 10/2022/TT-BNV và danh mục của cơ quan', true, now()),
  (gen_random_uuid(), 'DH', 'Hồ sơ đặt hàng, giao nhiệm vụ, hợp đồng cung cấp dịch vụ', 20, 'Mặc định của NghiemThu; đối chiếu Thông tư 10/2022/TT-BNV', true, now()),
  (gen_random_uuid(), 'KT', 'Chứng từ kế toán, thanh toán, tạm ứng', 10, 'Luật Kế toán: chứng từ kế toán lưu trữ tối thiểu 10 năm', true, now()),
  (gen_random_uuid(), 'KH', 'Kế hoạch, báo cáo năm', NULL, 'Thông tư 10/2022/TT-BNV: kế hoạch, báo cáo năm bảo quản vĩnh viễn', true, now()),
  (gen_random_uuid(), 'HN', 'Hồ sơ hội nghị, tập huấn thường kỳ', 5, 'Thông tư 10/2022/TT-BNV: tài liệu hội nghị, tập huấn thường kỳ', true, now());
