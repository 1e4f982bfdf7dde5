from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "byline.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed
        from django.db.models.signals import post_delete

        from byline.accounts.signal_handlers import delete_pictures, record_confirmed_address

        email_confirmed.connect(record_confirmed_address, dispatch_uid="accounts-verified-email")
        post_delete.connect(
            delete_pictures, sender=self.get_model("User"), dispatch_uid="accounts-pictures"
        )
