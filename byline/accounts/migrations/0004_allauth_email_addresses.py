from django.db import migrations


def record_addresses(apps, schema_editor):
    """Give every account with an address its row in allauth's table, verified where the
    account proved it, so that existing readers sign in by address or by code as before."""
    users = apps.get_model("accounts", "User")
    addresses = apps.get_model("account", "EmailAddress")
    known = set(addresses.objects.values_list("user_id", flat=True))
    rows = []
    taken = set()
    for user in users.objects.exclude(email="").only("pk", "email", "verified_email").iterator(
        chunk_size=2000
    ):
        address = user.email.strip().lower()
        if user.pk in known or not address:
            continue
        # allauth allows one verified row per address; a second account proving it stays unproven.
        verified = address == user.verified_email.strip().lower() and address not in taken
        if verified:
            taken.add(address)
        rows.append(addresses(user_id=user.pk, email=address, primary=True, verified=verified))
    addresses.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_names_are_one_line_of_visible_text"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(record_addresses, migrations.RunPython.noop)]
