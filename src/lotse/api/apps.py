from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lotse.api"
    label = "api"
    verbose_name = "API"
