"""The data's fixed vocabularies: each key is what the data files write, each value its label
(中文, English). Checked by `validate`, shown by `view.labels`."""

from __future__ import annotations

from typing import Literal

Role = Literal["lead", "participant"]

# Whether a Chinese name or heading has been checked against the official Chinese text.
ZhCheck = Literal["confirmed", "reconstructed"]
ZH_CHECKS: tuple[str, ...] = ("confirmed", "reconstructed")

DEPARTMENT_KINDS: dict[str, tuple[str, str]] = {
    "party": ("党中央部门", "Party organ"),
    "state-council": ("国务院部门", "State Council department"),
    "judicial": ("审判检察机关", "Court or procuratorate"),
    "military": ("军队单位", "Military body"),
    "public-institution": ("事业单位", "Public institution"),
    "people-organization": ("人民团体", "People's organization"),
    "coordination-body": ("议事协调机构", "Coordination body"),
}

INSTRUMENT_KINDS: dict[str, tuple[str, str]] = {
    "law": ("法律", "Law"),
    "administrative-regulation": ("行政法规", "Administrative regulation"),
    "departmental-rule": ("部门规章与规范性文件", "Departmental rule"),
    "judicial-interpretation": ("司法解释与司法文件", "Judicial interpretation"),
    "guideline-opinion": ("指导意见与指引", "Guideline or opinion"),
    "plan": ("规划与方案", "Plan"),
    "standard": ("标准", "Standard"),
    "treaty": ("国际条约", "Treaty"),
    # Courts' and procuratorates' opinions and guidance: policy documents, not judicial interpretations.
    "judicial-policy": ("司法政策性文件", "Court policy document"),
}
ACTIONS: dict[str, tuple[str, str]] = {
    "revise": ("修订", "to be revised"),
    "formulate": ("制定", "to be formulated"),
    "issue": ("出台", "to be issued"),
    "study": ("研究论证", "to be studied"),
    "implement": ("实施", "to be implemented"),
    "promote": ("推进", "to be promoted"),
    "commemorate": ("纪念", "to be commemorated"),  # an anniversary event of a law, not work on the law
    "evaluate": ("评估", "to be evaluated"),
    "publicise": ("宣传", "to be publicised"),
}
# How an instrument depends on another, recorded on the dependent one: the judicial
# interpretations of the Trademark Law `interprets: [trademark-law]`.
# relation → (中文, English) as the dependent says it, then as the other one is said to be.
RELATIONS: dict[str, tuple[str, str, str, str]] = {
    "interprets": ("解释", "interprets", "其解释", "interpreted by"),
    "implements": ("实施", "implements", "其实施文件", "implemented by"),
    "supplements": ("补充", "supplements", "其补充文件", "supplemented by"),
    "replaces": ("取代", "replaces", "被取代", "replaced by"),
}

# Lineage between two editions of a series: how a task of the newer relates to tasks of the older.
LINK_KINDS: dict[str, tuple[str, str]] = {
    "carried-over": ("延续", "carried over"),  # one old task → one new task
    "split": ("拆分", "split"),  # one old task → several new tasks (a set of links naming the same old task)
    "merged": ("合并", "merged"),  # several old tasks → one new task (one link naming them all)
    "related": ("相关", "related"),  # related, neither carried over nor split nor merged
}
# A proposal is never shown as fact: only confirmed (as proposed) or corrected (changed by a person).
REVIEWS = ("unreviewed", "confirmed", "corrected", "rejected")

STATUSES: dict[str, tuple[str, str]] = {  # status → (中文, English)
    "not started": ("未启动", "not started"),
    "in progress": ("推进中", "in progress"),
    "done": ("已完成", "done"),
    "dropped": ("已放弃", "dropped"),
}
NO_UPDATE = "no update recorded"
