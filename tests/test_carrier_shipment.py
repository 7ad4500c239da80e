# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where delivery data leaves: a carrier's API, posted to by the running
server when the warehouse validates deliveries over XML-RPC, as a batch
transfer does. The carrier here is a local HTTP server that accepts the
first shipment and is down for the next."""
import importlib.util
import os
import time
import xmlrpc.client

import pytest

from conftest import ROOT, ready_delivery


def _carrier_stub():
    """The addon's carrier stub (plain Python), loaded from its file."""
    path = os.path.join(ROOT, "addons", "lotus_sales", "tests",
                        "carrier_stub.py")
    spec = importlib.util.spec_from_file_location("carrier_stub", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CarrierStub


@pytest.fixture
def carrier_api(admin):
    """A delivery method of the type Carrier API, registered like the
    demo's PostNL, whose endpoint is the local carrier."""
    stub = _carrier_stub()(accept=1)
    postnl = admin("ir.model.data", "xmlid_to_res_id",
                   "lotus_sales.carrier_postnl")
    model = admin("delivery.carrier", "read", [postnl], [
        "product_id", "lotus_recipient_id", "lotus_activity_id"])[0]
    carrier = admin("delivery.carrier", "create", {
        "name": "Parcel API %d" % time.time(),
        "delivery_type": "lotus",
        "product_id": model["product_id"][0],
        "lotus_recipient_id": model["lotus_recipient_id"][0],
        "lotus_activity_id": model["lotus_activity_id"][0],
        "lotus_endpoint_url": stub.url,
        "lotus_api_key": "carrier-secret",
    })
    try:
        yield carrier, stub.received
    finally:
        admin("delivery.carrier", "write", [carrier], {"active": False})
        stub.stop()


def test_data_the_carrier_has_stays_in_the_register(admin, carrier_api):
    """P8: two deliveries validated together; the carrier accepts the
    first and is down for the second. The validation stops and is undone
    (neither delivery is done), but the carrier has the first delivery's
    data: its disclosure stays in the register and the audit log, with
    exactly the fields the carrier received and its tracking number. The
    second delivery, refused, has none."""
    carrier, received = carrier_api
    nl = admin("ir.model.data", "xmlid_to_res_id", "base.nl")
    stamp = int(time.time())
    pickings = []
    for number, name in enumerate(("Sem Janssen", "Noor Bakker")):
        first, last = name.split()
        partner = admin("res.partner", "create", {
            "firstname": first, "lastname": last, "customer": True,
            "email": "%s.%d@example.nl" % (first.lower(), stamp),
            "phone": "+31 24 555 01%02d" % number,
            "street": "Hertogstraat %d" % (10 + number), "zip": "6511 RW",
            "city": "Nijmegen", "country_id": nl})
        pickings += ready_delivery(admin, partner, "LTP-MINI",
                                   carrier_id=carrier)[1]
    first_log = admin("lotus.audit.log", "search", [], limit=1,
                      order="id desc")
    with pytest.raises(xmlrpc.client.Fault) as refused:
        admin("stock.picking", "action_done", pickings)
    assert "did not accept the shipment" in refused.value.faultString

    assert len(received) == 2
    sent = received[0]["body"]["shipment"]["reference"]
    states = {p["name"]: p["state"] for p in admin(
        "stock.picking", "read", pickings, ["name", "state"])}
    assert sent in states and "done" not in states.values()
    disclosures = admin("lotus.privacy.disclosure", "search_read", [
        ("res_model", "=", "stock.picking"),
        ("res_ids", "in", [str(p) for p in pickings])],
        ["res_ids", "reference", "field_names", "partner_ids"])
    assert len(disclosures) == 1, disclosures
    disclosure = disclosures[0]
    sent_id = int(disclosure["res_ids"])
    assert admin("stock.picking", "read", [sent_id], ["name"])[0][
        "name"] == sent
    assert disclosure["field_names"].split(", ") == sorted(
        received[0]["body"]["recipient"])
    assert "3STEST0001" in disclosure["reference"]
    assert disclosure["partner_ids"]
    logged = admin("lotus.audit.log", "search_read", [
        ("id", ">", first_log[0] if first_log else 0),
        ("action", "=", "disclosure"), ("res_model", "=", "stock.picking")],
        ["res_id"])
    assert [entry["res_id"] for entry in logged] == [sent_id]
