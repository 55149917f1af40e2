"""``manage.py check`` warns when the search index was built with another dictionary."""

from django.core.checks import Warning, register
from django.db import DatabaseError

from .segment import DICTIONARY_VERSION


@register("search", deploy=False)
def dictionary_version_check(app_configs=None, **kwargs):
    from .backends import get_backend

    try:
        backend = get_backend()
        built = backend.built_version()
        if built == DICTIONARY_VERSION:
            from .documents import indexable

            indexed, published = backend.doc_count(), indexable().count()
    except (DatabaseError, RuntimeError, OSError):
        return []  # no database yet (before migrate) or an engine that cannot run here
    hint = "运行 python manage.py search_rebuild 重建索引。"
    if built is None:
        message = f"全文检索索引（{backend.name}）尚未建立。"
    elif built != DICTIONARY_VERSION:
        message = (
            f"全文检索索引（{backend.name}）用词典版本 {built} 建立，当前词典为 "
            f"{DICTIONARY_VERSION}：新词检索不到。"
        )
    elif indexed != published:
        message = (
            f"全文检索索引（{backend.name}）有 {indexed} 条，已发布的信息有 {published} 条："
            "索引不完整（例如批量导入之后）。"
        )
    else:
        return []
    return [Warning(message, hint=hint, id="search.W001")]
