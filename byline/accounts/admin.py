from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from byline.accounts.forms import DjangoAdminSignInForm
from byline.accounts.models import User

admin.site.register(User, UserAdmin)
admin.site.login_form = DjangoAdminSignInForm
