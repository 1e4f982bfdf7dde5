from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "byline.mail"
    label = "mail"
    verbose_name = "Outgoing email"
