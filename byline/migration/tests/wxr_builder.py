"""Small WXR documents for edge cases, shaped like WordPress's own (see fixtures/README.md)."""

from __future__ import annotations

from html import escape

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Test</title><link>https://old.example</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[ed]]></wp:author_login>
<wp:author_email><![CDATA[ed@old.test]]></wp:author_email>
<wp:author_display_name><![CDATA[Ed Itor]]></wp:author_display_name></wp:author>
"""


def comment(
    comment_id: int,
    *,
    parent: int = 0,
    content: str = "A comment.",
    approved: str = "1",
    date: str = "2024-03-01 10:00:00",
    date_gmt: str = "2024-03-01 10:00:00",
    author: str = "Reader",
    email: str = "reader@guests.test",
    user_id: int = 0,
    meta: dict[str, str] | None = None,
) -> str:
    metas = "".join(
        f"<wp:commentmeta><wp:meta_key>{escape(k)}</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{v}]]></wp:meta_value></wp:commentmeta>"
        for k, v in (meta or {}).items()
    )
    return (
        f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
        f"<wp:comment_author><![CDATA[{author}]]></wp:comment_author>"
        f"<wp:comment_author_email><![CDATA[{email}]]></wp:comment_author_email>"
        f"<wp:comment_author_IP><![CDATA[198.51.100.4]]></wp:comment_author_IP>"
        f"<wp:comment_date><![CDATA[{date}]]></wp:comment_date>"
        f"<wp:comment_date_gmt><![CDATA[{date_gmt}]]></wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[{content}]]></wp:comment_content>"
        f"<wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>"
        f"<wp:comment_type><![CDATA[comment]]></wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent>"
        f"<wp:comment_user_id>{user_id}</wp:comment_user_id>{metas}</wp:comment>"
    )


def post(
    post_id: int,
    *,
    title: str = "A story",
    slug: str = "",
    content: str = "<p>Words.</p>",
    status: str = "publish",
    post_type: str = "post",
    date: str = "2024-03-01 09:00:00",
    date_gmt: str = "2024-03-01 09:00:00",
    comments: str = "",
    category: str = "news",
) -> str:
    slug = slug or f"story-{post_id}"
    return (
        f"<item><title><![CDATA[{title}]]></title>"
        f"<link>https://old.example/2024/03/{slug}/</link>"
        f"<dc:creator><![CDATA[ed]]></dc:creator>"
        f'<guid isPermaLink="false">https://old.example/?p={post_id}</guid>'
        f"<content:encoded><![CDATA[{content}]]></content:encoded>"
        f"<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id>"
        f"<wp:post_date><![CDATA[{date}]]></wp:post_date>"
        f"<wp:post_date_gmt><![CDATA[{date_gmt}]]></wp:post_date_gmt>"
        f"<wp:post_modified><![CDATA[{date}]]></wp:post_modified>"
        f"<wp:post_modified_gmt><![CDATA[{date_gmt}]]></wp:post_modified_gmt>"
        f"<wp:post_name><![CDATA[{slug}]]></wp:post_name>"
        f"<wp:status><![CDATA[{status}]]></wp:status><wp:post_parent>0</wp:post_parent>"
        f"<wp:post_type><![CDATA[{post_type}]]></wp:post_type>"
        f'<category domain="category" nicename="{category}"><![CDATA[{category.title()}]]></category>'
        f"{comments}</item>"
    )


def document(*items: str) -> str:
    return HEAD + "".join(items) + "</channel></rss>\n"
