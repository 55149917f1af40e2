import hashlib
import unicodedata

from gongkai.publishing.models import normalize_document_number
from gongkai.search import segment

TEXT = "市财政局关于2025年部门预算公开和依申请公开工作的通知，推进政务公开标准化规范化。"


def test_two_character_words_are_words_of_their_own():
    tokens = segment.index_tokens(TEXT)
    assert "公开" in tokens
    assert "预算" in tokens
    assert segment.query_tokens("预算") == ["预算"]
    assert segment.query_tokens("公开") == ["公开"]


def test_dictionary_terms_are_kept_whole_and_their_parts_indexed_too():
    tokens = segment.index_tokens(TEXT)
    assert "依申请公开" in tokens
    assert "申请" in tokens
    assert "政务公开" in tokens and "政务" in tokens
    # A query uses the whole word, which the search-mode document tokens contain.
    assert segment.query_tokens("依申请公开") == ["依申请公开"]
    assert segment.query_tokens("政务公开工作") == ["政务公开", "工作"]
    for word in ("五公开", "公开指南", "放管服", "一网通办", "适老化", "保密审查"):
        assert word in segment.index_tokens(f"关于{word}的说明"), word


def test_punctuation_and_stop_words_are_dropped_case_and_width_folded():
    tokens = segment.index_tokens("ＡＢＣ公司的《通知》：GDP增长１２％！")
    assert "abc" in tokens and "gdp" in tokens
    assert "的" not in tokens
    assert not any(t in tokens for t in ("《", "》", "：", "！", "%", " "))


def test_document_numbers_in_any_width_cut_alike():
    forms = [
        "沪府办发〔2019〕7号",
        "沪府办发[2019]7号",
        "沪府办发［２０１９］７号",
        "沪府办发（2019）7号",
    ]
    tokens = {tuple(segment.query_tokens(form)) for form in forms}
    assert len(tokens) == 1
    assert {normalize_document_number(form) for form in forms} == {"沪府办发〔2019〕7号"}
    assert set(tokens.pop()) <= set(segment.index_tokens("根据沪府办发〔2019〕7号文件"))


def test_skipping_nfkc_for_plain_text_cuts_exactly_like_nfkc():
    samples = [
        TEXT,
        "联系电话：0871-61234567，邮箱 gongkai@example.gov.cn。",
        "增长１２．５％，共计ＡＢＣ－１２３项…",
        "第一条　为了规范（试行）“放管服”改革——见附件①。",
    ]
    for text in samples:
        reference = [
            t
            for t in segment._jieba().cut_for_search(unicodedata.normalize("NFKC", text).lower())
            if segment._keep(t)
        ]
        assert segment.index_tokens(text) == reference, text


def test_dictionary_version_follows_the_file():
    content = segment.DICTIONARY_PATH.read_bytes()
    assert segment.DICTIONARY_VERSION == hashlib.sha256(content).hexdigest()[:12]
    words = [w for w, _f in segment.dictionary_words()]
    assert len(words) >= 150
    assert {"政务公开", "依申请公开", "五公开", "公开指南", "索引号", "文号"} <= set(words)
