from engage.audit.services import record_audit


def test_admin_reads_the_audit_log_newest_first(client, db, dummy_admin, dummy_analyst, sign_in):
    record_audit(dummy_analyst, "export.csv", {"district": "mansfield"}, 42)
    record_audit(dummy_analyst, "summary.pdf", {}, 7)
    db.session.commit()
    sign_in(dummy_admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "2 audit events" in page
    assert "analyst@example.org" in page and "district=mansfield" in page and ">42<" in page
    assert page.index("<code>summary.pdf") < page.index("<code>export.csv")
    only = client.get("/admin/audit?action=summary.pdf").get_data(as_text=True)
    assert "1 audit event" in only and "export.csv</code>" not in only


def test_bad_paging_and_unknown_action_are_400(client, db, dummy_admin, sign_in):
    sign_in(dummy_admin)
    assert client.get("/admin/audit?page=0").status_code == 400
    assert client.get("/admin/audit?page=99999999999").status_code == 400
    assert client.get("/admin/audit?page=x").status_code == 400
    assert client.get("/admin/audit?action=nothing").status_code == 400


def test_only_admins(client, db, dummy_analyst, dummy_officer, sign_in):
    assert client.get("/admin/audit").status_code == 302
    sign_in(dummy_analyst)
    assert client.get("/admin/audit").status_code == 403


def test_staff_home_links_admins_to_it(client, db, dummy_admin, sign_in):
    sign_in(dummy_admin)
    assert "/admin/audit" in client.get("/staff/").get_data(as_text=True)
