"""Traditional characters to simplified ones, for reading responsibility clauses only.

A text copied from a Hong Kong, Taiwan or overseas page may write 知識產權局負責 for 知识产权局负责.
The importers keep the text as given and read its clauses through this table. It covers the
characters of the department registry's Chinese names and of the clause words (负责, 按职责分工,
等部门), not the language: each entry maps one character to one, so positions in a converted text
are positions in the original."""

from __future__ import annotations

# traditional → simplified, pairs written side by side: 業业 means 業 becomes 业.
PAIRS = (
    "業业產产會会傳传軍军農农辦办務务醫医華华協协單单衛卫發发員员國国場场備备學学實实廣广總总"
    "戰战環环態态電电監监術术機机權权檢检遊游網网絡络統统聯联藥药裝装視视計计議议設设證证識识"
    "財财貿贸資资進进門门銀银際际險险項项稅税強强關关負负責责職职別别與与為为個个頭头牽牵黨党"
    "廳厅處处組组織织導导領领開开專专審审認认糧粮儲储鐵铁運运輸输郵邮氣气僑侨紀纪歸归轉转紡纺"
    "輕轻級级縣县說说條条規规劃划報报書书稱称號号質质體体應应標标種种圖图對对區区營营護护維维"
    "濟济築筑車车廠厂價价獻献藝艺劇剧愛爱畫画靈灵鄉乡鎮镇鬥斗類类礦矿衆众眾众"
)
TO_SIMPLIFIED = str.maketrans({PAIRS[i]: PAIRS[i + 1] for i in range(0, len(PAIRS), 2)})


def simplified(text: str) -> str:
    """The text with the table's traditional characters simplified; as long as the original."""
    return text.translate(TO_SIMPLIFIED)
