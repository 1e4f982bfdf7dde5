from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "byline.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed

        from byline.accounts.signal_handlers import record_confirmed_address

        email_confirmed.connect(record_confirmed_address, dispatch_uid="accounts-verified-email")
