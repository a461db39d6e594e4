"""Titles, abstracts and author names of the simulated works, composed from ``gen_vocab``.

Each title is drawn from a category (relevant to the review, near the topic, off-topic) and
checked against all the titles drawn before, so that no two different works are near-duplicates.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

import gen_vocab as V
from alereview.identity import normalize_text


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def chinese_person(rng, n_given=None):
    """A Chinese author: dict with sur_zh, sur_en, given_zh, given_en."""
    sur_zh, sur_en = rng.choice(V.SURNAMES)
    n_given = n_given or rng.choice([1, 2, 2, 2])
    parts = [rng.choice(V.GIVEN) for _ in range(n_given)]
    given_zh = "".join(p[0] for p in parts)
    given_en = cap("".join(p[1] for p in parts))
    return dict(sur_zh=sur_zh, sur_en=sur_en, given_zh=given_zh, given_en=given_en)


def western_person(rng):
    given = rng.choice(V.WESTERN_GIVEN)
    if rng.random() < 0.3:
        given += " " + rng.choice("ABCDEFGHJKLMNPRST") + "."
    return dict(sur_zh="", sur_en=rng.choice(V.WESTERN_SURNAMES), given_zh="", given_en=given)


# --- English titles --------------------------------------------------------------------------


def en_relevant(rng, flavour=""):
    i, c, o = rng.choice(V.EN_INTERVENTIONS), rng.choice(V.EN_CONDITIONS), rng.choice(V.EN_OUTCOMES)
    m, r = rng.choice(V.EN_METHODS), rng.choice(V.EN_REGIONS)
    if flavour == "roi":
        return f"{cap(i)} and {o} of the {r}: a region-of-interest analysis in {c}"
    if flavour == "not_rs":
        return rng.choice(
            [
                f"Task-related activation of the {r} during {i} in {c}",
                f"Diffusion tensor imaging of corticospinal tract changes after {i} in {c}",
                f"Cerebral glucose metabolism after {i} in {c}: a PET study",
            ]
        )
    if flavour == "population":
        pop = rng.choice(
            [
                "healthy volunteers",
                "post-stroke aphasia",
                "post-stroke dysphagia",
                "post-stroke depression",
                "post-stroke cognitive impairment",
            ]
        )
        return f"{cap(i)} modulates {o} in {pop}: {m}"
    if flavour == "intervention":
        other = rng.choice(
            ["Moxibustion", "Repetitive transcranial magnetic stimulation", "Motor imagery", "Mirror therapy", "Tuina massage"]
        )
        return f"{other} changes {o} of the {r} in {c}: {m}"
    if flavour == "secondary":
        return rng.choice(
            [
                f"Neuroimaging of {i} for {c}: a systematic review of {o} findings",
                f"{cap(i)} improves motor recovery and {o} in rats with {c}",
                f"Secondary analysis of {o} in a trial of {i} for {c}",
            ]
        )
    return rng.choice(
        [
            f"{cap(i)} modulates {o} in patients with {c}: {m}",
            f"Effects of {i} on {o} in {c}: {m}",
            f"Altered {o} after {i} in patients with {c}",
            f"{cap(o)} of the {r} following {i} in {c}",
            f"Neural correlates of {i} for {c} revealed by {o}",
            f"Immediate and cumulative effects of {i} on {o} of the {r} in {c}",
            f"{cap(i)} for {c}: {o} changes and motor recovery in {m[2:] if m.startswith('a ') else m}",
        ]
    )


def en_near(rng):
    """Near the topic: right field, wrong kind of study (excluded on title/abstract)."""
    i, c, o = rng.choice(V.EN_INTERVENTIONS), rng.choice(V.EN_CONDITIONS), rng.choice(V.EN_OUTCOMES)
    return rng.choice(
        [
            f"{cap(i)} for {c}: protocol for a randomized controlled trial with {o} as outcome",
            f"{cap(i)} promotes neurogenesis and {o} in a rat model of {c}",
            f"Neuroimaging mechanisms of {i} in {c}: a review",
            f"A meta-analysis of {o} studies of {i} in {c}",
            f"Bibliometric analysis of {i} and neuroimaging research in {c}",
            f"{cap(i)} in {c}: an overview of reviews on {o}",
            f"Effect of {i} on {o} in mice after {c}",
        ]
    )


def en_off(rng):
    t, c = rng.choice(V.EN_OFF_TOPICS), rng.choice(V.EN_OFF_CONDITIONS)
    o, m = rng.choice(V.EN_OFF_OUTCOMES), rng.choice(V.EN_OFF_METHODS)
    i = rng.choice(V.EN_INTERVENTIONS)
    return rng.choice(
        [
            f"{t} for {c}: {m}",
            f"Effects of {t.lower()} on {o} in patients with {c}",
            f"{cap(i)} for {c} and its effect on {o}: {m}",
            f"{t} versus {i} for {o} in {c}",
            f"Predictors of {o} in {c}: {m}",
            f"{t} combined with {i} on {o} in {c}: {m}",
            f"Association between {o} and functional MRI findings in {c}",
        ]
    )


# --- Chinese titles: (Chinese, English) pairs -------------------------------------------------


def _pick(rng, *lists):
    return [rng.choice(lst) for lst in lists]


def zh_relevant(rng, flavour=""):
    (iz, ie), (cz, ce), (oz, oe), (mz, me), (rz, re_) = _pick(
        rng, V.ZH_INTERVENTIONS, V.ZH_CONDITIONS, V.ZH_OUTCOMES, V.ZH_METHODS, V.ZH_REGIONS
    )
    if flavour == "roi":
        return f"基于{rz}感兴趣区的{iz}治疗{cz}{oz}研究", f"{cap(oe)} of {ie} for {ce}: a {re_} region-of-interest study"
    if flavour == "not_rs":
        return rng.choice(
            [
                (f"{iz}治疗{cz}的任务态fMRI脑激活研究", f"Task-state fMRI brain activation of {ie} for {ce}"),
                (
                    f"{iz}对{cz}患者皮质脊髓束弥散张量成像的影响",
                    f"Effect of {ie} on diffusion tensor imaging of the corticospinal tract in {ce}",
                ),
                (f"{iz}对{cz}患者脑葡萄糖代谢的PET研究", f"PET study of cerebral glucose metabolism after {ie} in {ce}"),
            ]
        )
    if flavour == "population":
        pz, pe = rng.choice(
            [
                ("健康受试者", "healthy subjects"),
                ("脑卒中后失语", "post-stroke aphasia"),
                ("脑卒中后吞咽障碍", "post-stroke dysphagia"),
                ("中风后抑郁", "post-stroke depression"),
                ("脑卒中后认知障碍", "post-stroke cognitive impairment"),
            ]
        )
        return f"{iz}对{pz}{oz}的影响：{mz}", f"Effect of {ie} on {oe} in {pe}: {me}"
    if flavour == "intervention":
        tz, te = rng.choice(
            [
                ("艾灸", "moxibustion"),
                ("重复经颅磁刺激", "repetitive transcranial magnetic stimulation"),
                ("运动想象疗法", "motor imagery therapy"),
                ("镜像疗法", "mirror therapy"),
                ("推拿", "Tuina"),
            ]
        )
        return f"{tz}对{cz}患者{rz}{oz}的影响", f"Effect of {te} on {oe} of the {re_} in {ce}"
    if flavour == "secondary":
        return rng.choice(
            [
                (f"{iz}治疗{cz}的脑功能影像学研究进展", f"Advances in functional brain imaging of {ie} for {ce}"),
                (f"{iz}对{cz}大鼠{oz}及运动功能的影响", f"Effect of {ie} on {oe} and motor function in rats with {ce}"),
                (f"{iz}治疗{cz}神经影像学研究的系统评价", f"Neuroimaging studies of {ie} for {ce}: a systematic review"),
            ]
        )
    return rng.choice(
        [
            (f"{iz}对{cz}患者{oz}的影响：{mz}", f"Effect of {ie} on {oe} in patients with {ce}: {me}"),
            (f"{iz}治疗{cz}的{oz}{mz}", f"{cap(ie)} for {ce}: {me} of {oe}"),
            (f"基于{oz}的{iz}治疗{cz}脑机制研究", f"Cerebral mechanism of {ie} for {ce} based on {oe}"),
            (f"{iz}干预{cz}患者{rz}{oz}变化的{mz}", f"Changes of {oe} in the {re_} of {ce} patients treated with {ie}: {me}"),
            (f"{iz}对{cz}患者{oz}及运动功能的影响", f"Effect of {ie} on {oe} and motor function in patients with {ce}"),
            (f"{iz}即刻效应对{cz}患者{oz}的影响", f"Immediate effect of {ie} on {oe} in patients with {ce}"),
        ]
    )


def zh_near(rng):
    (iz, ie), (cz, ce), (oz, oe) = _pick(rng, V.ZH_INTERVENTIONS, V.ZH_CONDITIONS, V.ZH_OUTCOMES)
    return rng.choice(
        [
            (f"{iz}治疗{cz}的随机对照试验研究方案", f"{cap(ie)} for {ce}: protocol of a randomized controlled trial"),
            (f"{iz}对{cz}大鼠{oz}及神经再生的影响", f"Effect of {ie} on {oe} and neural regeneration in rats with {ce}"),
            (f"{iz}治疗{cz}的神经影像学机制研究进展", f"Advances in neuroimaging mechanisms of {ie} for {ce}"),
            (f"{iz}治疗{cz}{oz}研究的Meta分析", f"Meta-analysis of {oe} studies of {ie} for {ce}"),
            (
                f"近十年{iz}治疗{cz}脑功能研究的文献计量学分析",
                f"Bibliometric analysis of brain function research on {ie} for {ce} in the past decade",
            ),
            (f"{iz}对{cz}模型小鼠{oz}的影响", f"Effect of {ie} on {oe} in mice with {ce}"),
            (f"{iz}治疗{cz}的临床研究概况", f"Overview of clinical studies of {ie} for {ce}"),
        ]
    )


def zh_off(rng):
    (tz, te), (cz, ce), (oz, oe), (mz, me), (iz, ie) = _pick(
        rng, V.ZH_OFF_TOPICS, V.ZH_OFF_CONDITIONS, V.ZH_OFF_OUTCOMES, V.ZH_OFF_METHODS, V.ZH_INTERVENTIONS
    )
    return rng.choice(
        [
            (f"{tz}治疗{cz}的{mz}", f"{cap(te)} for {ce}: {me}"),
            (f"{tz}对{cz}患者{oz}的影响", f"Effect of {te} on {oe} in patients with {ce}"),
            (f"{iz}治疗{cz}及对{oz}的影响：{mz}", f"{cap(ie)} for {ce} and its effect on {oe}: {me}"),
            (f"{tz}联合{iz}治疗{cz}的{mz}", f"{cap(te)} combined with {ie} for {ce}: {me}"),
            (f"{cz}患者{oz}的影响因素分析", f"Factors influencing {oe} in patients with {ce}"),
            (f"{tz}配合{iz}对{cz}患者{oz}的影响", f"Effect of {te} with {ie} on {oe} in patients with {ce}"),
            (f"{iz}治疗{cz}的临床疗效观察", f"Clinical efficacy of {ie} for {ce}"),
        ]
    )


class TitleBook:
    """Titles drawn so far; refuses a new title too similar to any earlier one."""

    def __init__(self, limit=86):
        self.normalised = []
        self.limit = limit

    def accept(self, title: str) -> bool:
        if self.similar(title) is not None:
            return False
        self.normalised.append(normalize_text(title))
        return True

    def draw(self, rng, make, *args):
        """A title from ``make`` (or a (Chinese, English) pair) unlike every earlier one."""
        for _ in range(400):
            title = make(rng, *args)
            texts = title if isinstance(title, tuple) else (title,)
            if all(self.similar(t) is None for t in texts):
                for t in texts:
                    self.normalised.append(normalize_text(t))
                return title
        raise RuntimeError("vocabulary too small for distinct titles")

    def similar(self, title):
        if not self.normalised:
            return None
        return process.extractOne(normalize_text(title), self.normalised, scorer=fuzz.ratio, score_cutoff=self.limit)


# Why an off-topic record matched the search: the query's terms in its abstract.
EN_SEARCH_HOOKS = [
    "Patients with a history of stroke underwent neuroimaging at baseline; acupuncture was recorded as a co-intervention.",
    "Cerebral infarction on neuroimaging was an exclusion criterion; needle-based procedures were documented.",
    "Secondary analyses compared hemiplegia after stroke with controls using functional MRI in a subgroup that received acupuncture.",
]
ZH_SEARCH_HOOKS = [
    "合并脑卒中病史者行功能磁共振检查，针刺作为合并治疗记录。",
    "以脑梗死为排除标准，基线行神经影像学检查，记录针刺等合并治疗。",
]


# --- abstracts -------------------------------------------------------------------------------


def en_abstract(rng, title: str, relevant: bool) -> str:
    n = rng.randint(12, 120)
    topic = title.split(":")[0].rstrip(".")
    if relevant:
        regions = ", ".join(rng.sample(V.EN_REGIONS, 3))
        return (
            f"OBJECTIVE: To investigate {topic[0].lower() + topic[1:]}. "
            f"METHODS: {n} participants were enrolled and scanned before and after treatment; "
            f"images were analysed with SPM and DPABI. "
            f"RESULTS: Treatment was associated with changes in the {regions}, which correlated with "
            f"Fugl-Meyer scores (P < 0.05). "
            f"CONCLUSION: The findings suggest a central mechanism of the intervention."
        )
    return (
        f"Background: {cap(topic)} remains a clinical question. "
        f"Methods: We studied {n} cases and compared outcomes between groups. "
        f"Results: Outcomes differed between groups (P = {rng.randint(1, 49) / 1000:.3f}). "
        f"{rng.choice(EN_SEARCH_HOOKS)} "
        f"Conclusions: Further studies are needed."
    )


def zh_abstract(rng, title: str, relevant: bool) -> str:
    n = rng.randint(12, 120)
    if relevant:
        regions = "、".join(r[0] for r in rng.sample(V.ZH_REGIONS, 3))
        return (
            f"目的：探讨{title.split('：')[0]}。方法：纳入患者{n}例，治疗前后行静息态功能磁共振扫描，"
            f"采用DPABI软件分析。结果：治疗后{regions}等脑区发生改变，与Fugl-Meyer评分相关（P＜0.05）。"
            f"结论：针刺可能通过调节相关脑区发挥作用。"
        )
    return (
        f"目的：观察{title.split('：')[0]}。方法：将{n}例患者随机分为两组。"
        f"结果：两组比较差异有统计学意义（P＜0.05）。{rng.choice(ZH_SEARCH_HOOKS)}结论：值得临床进一步研究。"
    )
