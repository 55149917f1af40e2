from .models import PlatformSettings


def site(request):
    """Footer identifiers and the site name on every page."""
    return {"site": PlatformSettings.load()}
