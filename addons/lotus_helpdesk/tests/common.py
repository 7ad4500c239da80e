# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customers, orders and helpdesk staff built by the tests themselves."""


def address(env, country="nl"):
    """A complete address: lotus_sales confirms no order without one."""
    if country == "de":
        return {"street": "Aachener Strasse 1", "zip": "50674",
                "city": "Koeln", "country_id": env.ref("base.de").id}
    return {"street": "Molenstraat 1", "zip": "6511 HH",
            "city": "Nijmegen", "country_id": env.ref("base.nl").id}


def make_helpdesk_data(env):
    """Two customers (Anna with a colleague, Lukas), an order each, a
    helpdesk user and a helpdesk manager. Returns a dict."""
    Partner = env["res.partner"]
    data = {}
    data["anna_company"] = Partner.create(dict(
        address(env), name="Printlab Nijmegen", is_company=True,
        email="info@printlab.example.nl"))
    data["anna"] = Partner.create(dict(
        address(env), name="Anna Test", email="anna.test@example.nl",
        parent_id=data["anna_company"].id, type="contact"))
    data["anna_colleague"] = Partner.create(dict(
        address(env), name="Bram Test", email="bram.test@example.nl",
        parent_id=data["anna_company"].id))
    data["lukas"] = Partner.create(dict(
        address(env, "de"), name="Lukas Test",
        email="lukas.test@example.de"))
    product = env["product.product"].create({
        "name": "Lotus Test Printer", "type": "consu", "list_price": 499.0})
    data["product"] = product

    def order(partner):
        return env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [(0, 0, {
                "product_id": product.id, "product_uom_qty": 1,
                "price_unit": 499.0, "name": product.name})],
        })

    data["order_anna"] = order(data["anna"])
    data["order_anna"].action_confirm()
    data["order_lukas"] = order(data["lukas"])
    data["order_lukas"].action_confirm()
    Users = env["res.users"].with_context(no_reset_password=True)
    data["agent"] = Users.create({
        "name": "Helpdesk Agent Test", "login": "hd_agent_test",
        "email": "agent.test@lotus.example.com",
        "groups_id": [(6, 0, [
            env.ref("base.group_user").id,
            env.ref("sales_team.group_sale_salesman_all_leads").id,
            env.ref("helpdesk_mgmt.group_helpdesk_user").id])],
    })
    data["manager"] = Users.create({
        "name": "Helpdesk Manager Test", "login": "hd_manager_test",
        "email": "manager.test@lotus.example.com",
        "groups_id": [(6, 0, [
            env.ref("base.group_user").id,
            env.ref("helpdesk_mgmt.group_helpdesk_manager").id])],
    })
    return data
