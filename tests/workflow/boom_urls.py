"""The project's URLs plus one view that fails, to see the 500 page a visitor would get."""

from django.urls import path

from gfmd_platform import urls


def explode(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("boom/", explode), *urls.urlpatterns]
handler500 = urls.handler500
