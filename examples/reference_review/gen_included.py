"""The 14 included studies of the reference review as simulated bibliographic works.

Facts (paper, Table 1): reference number, language (refs 11 and 29 English, the others
Chinese), design, intervention, measure and the name the paper cites them by. Everything else
here — titles, full author names, journals, years, DOIs — is simulated: the paper prints no
reference list. Years follow the SPM versions of Table 2 loosely (SPM2/SPM5 older, SPM12 newer).

Each entry: ref, lang, kind (article | thesis), year, journal (EN journal name or ZH journal
name), authors as (surname, given) in pinyin with their characters, titles, databases holding it.
"""

from __future__ import annotations

INCLUDED = [
    dict(ref=11, lang="en", kind="article", year=2011, journal="Evidence-Based Complementary and Alternative Medicine",
         authors=[("吴", "Wu", "平", "Ping"), ("李", "Li", "建华", "Jianhua"), ("周", "Zhou", "明", "Ming"),
                  ("黄", "Huang", "云", "Yun"), ("陈", "Chen", "立新", "Lixin")],
         title_en="Acupuncture modulates regional homogeneity of the sensorimotor network in patients with ischemic stroke: a randomized controlled resting-state fMRI study",
         dbs=["PubMed", "Embase", "Web of Science", "Cochrane Library"], doi=True),
    dict(ref=29, lang="en", kind="article", year=2013, journal="Acupuncture in Medicine",
         authors=[("陈", "Chen", "志宏", "Zhihong"), ("郭", "Guo", "文海", "Wenhai"), ("林", "Lin", "静", "Jing"),
                  ("钟", "Zhong", "晓", "Xiao")],
         title_en="Immediate effect of needling at Yanglingquan (GB34) with deqi on regional homogeneity in patients with hemiplegia after stroke",
         dbs=["PubMed", "Embase", "Web of Science"], doi=True),
    dict(ref=12, lang="zh", kind="article", year=2021, journal="针刺研究",
         authors=[("刘", "Liu", "方圆", "Fangyuan"), ("孙", "Sun", "红", "Hong"), ("邓", "Deng", "博", "Bo"),
                  ("丁", "Ding", "宇", "Yu")],
         title_zh="电针治疗脑卒中后肢体运动功能障碍患者分数低频振幅变化的静息态功能磁共振研究",
         title_en="Changes of fractional amplitude of low-frequency fluctuation in patients with post-stroke limb motor dysfunction treated by electroacupuncture: a resting-state fMRI study",
         dbs=["PubMed", "Embase", "CNKI", "Wanfang", "VIP", "CBM"], doi=True),
    dict(ref=19, lang="zh", kind="thesis", year=2011, journal="广州中医药大学",
         authors=[("张", "Zhang", "晓庆", "Xiaoqing")],
         title_zh="针刺对缺血性中风偏瘫患者静息态脑功能局部一致性影响的研究",
         title_en="Effect of acupuncture on regional homogeneity of resting-state brain function in patients with ischemic stroke hemiplegia",
         dbs=["CNKI", "Wanfang"], doi=False),
    dict(ref=20, lang="zh", kind="article", year=2012, journal="中国康复医学杂志",
         authors=[("谢", "Xie", "冰", "Bing"), ("黄", "Huang", "嘉欣", "Jiaxin"), ("杨", "Yang", "勇", "Yong")],
         title_zh="针刺调节脑梗死偏瘫患者脑局部一致性的fMRI对照观察",
         title_en="Acupuncture regulating regional homogeneity in patients with cerebral infarction hemiplegia: a controlled fMRI observation",
         dbs=["CNKI", "Wanfang", "VIP", "CBM"], doi=True),
    dict(ref=21, lang="zh", kind="thesis", year=2014, journal="南京中医药大学",
         authors=[("孟", "Meng", "金晶", "Jinjing")],
         title_zh="电针与手针对脑卒中后运动功能障碍患者ReHo影响的随机对照研究",
         title_en="Electroacupuncture versus manual acupuncture on ReHo in patients with motor dysfunction after stroke: a randomized controlled study",
         dbs=["CNKI", "Wanfang"], doi=False),
    dict(ref=22, lang="zh", kind="thesis", year=2012, journal="广州中医药大学",
         authors=[("何", "He", "玉梅", "Yumei")],
         title_zh="基于静息态fMRI的针刺治疗缺血性中风运动障碍脑效应机制研究",
         title_en="Cerebral mechanism of acupuncture for motor impairment after ischemic stroke based on resting-state fMRI",
         dbs=["CNKI", "Wanfang"], doi=False),
    dict(ref=23, lang="zh", kind="thesis", year=2013, journal="黑龙江中医药大学",
         authors=[("王", "Wang", "志宏", "Zhihong")],
         title_zh="“三阳调督”针法与醒脑开窍针法治疗中风偏瘫的疗效及局部一致性比较",
         title_en="Sanyang Tiaodu needling versus Xingnao Kaiqiao needling for stroke hemiplegia: efficacy and regional homogeneity",
         dbs=["CNKI", "Wanfang"], doi=False),
    dict(ref=24, lang="zh", kind="thesis", year=2016, journal="天津中医药大学",
         authors=[("赵", "Zhao", "娜娜", "Nana")],
         title_zh="针刺与假针刺对脑卒中偏瘫患者运动功能及脑区ReHo的影响",
         title_en="Effects of acupuncture and sham acupuncture on motor function and ReHo of brain regions in stroke patients with hemiplegia",
         dbs=["CNKI", "Wanfang"], doi=False),
    dict(ref=25, lang="zh", kind="article", year=2010, journal="中国康复理论与实践",
         authors=[("周", "Zhou", "彩霞", "Caixia"), ("宋", "Song", "立", "Li"), ("程", "Cheng", "华", "Hua")],
         title_zh="针刺对脑梗死偏瘫患者低频振幅的影响",
         title_en="Effect of acupuncture on amplitude of low-frequency fluctuation in patients with cerebral infarction hemiplegia",
         dbs=["CNKI", "Wanfang", "VIP"], doi=True),
    dict(ref=26, lang="zh", kind="article", year=2015, journal="中西医结合心脑血管病杂志",
         authors=[("马", "Ma", "正飞", "Zhengfei"), ("田", "Tian", "荣爱", "Rongai")],
         title_zh="针刺结合常规治疗对脑卒中偏瘫患者局部一致性及神经功能的影响：随机对照试验",
         title_en="Acupuncture combined with conventional treatment on regional homogeneity and neurological function in stroke patients with hemiplegia: a randomized controlled trial",
         dbs=["CNKI", "Wanfang", "VIP", "CBM"], doi=True),
    dict(ref=27, lang="zh", kind="article", year=2017, journal="中国针灸",
         authors=[("罗", "Luo", "彩红", "Caihong"), ("韩", "Han", "磊", "Lei"), ("曾", "Zeng", "思", "Si"),
                  ("叶", "Ye", "涛", "Tao")],
         title_zh="针刺阳陵泉即刻效应对脑卒中偏瘫患者脑区ReHo的影响",
         title_en="Immediate effect of needling Yanglingquan (GB 34) on ReHo of brain regions in stroke patients with hemiplegia",
         dbs=["PubMed", "Embase", "CNKI", "Wanfang", "VIP", "CBM"], doi=True),
    dict(ref=28, lang="zh", kind="article", year=2014, journal="上海针灸杂志",
         authors=[("杨", "Yang", "喜梅", "Ximei"), ("范", "Fan", "建", "Jian"), ("邵", "Shao", "敏", "Min")],
         title_zh="电针与手针治疗脑卒中后运动功能障碍的静息态脑功能比较研究",
         title_en="Resting-state brain function after electroacupuncture versus manual acupuncture for motor dysfunction after stroke: a comparative study",
         dbs=["Cochrane Library", "CNKI", "Wanfang", "VIP", "CBM"], doi=True),
    dict(ref=30, lang="zh", kind="thesis", year=2019, journal="成都中医药大学",
         authors=[("李", "Li", "建中", "Jianzhong")],
         title_zh="针刺治疗脑卒中后肢体运动障碍的低频振幅研究",
         title_en="Amplitude of low-frequency fluctuation study of acupuncture for limb motor impairment after stroke",
         dbs=["CNKI", "Wanfang"], doi=True),
]

# The full-text exclusions, grouped by the paper's criteria (section 2.2): reason, count.
# "Full text unavailable" is a criterion the paper lists but used for no record (77 assessed).
FULL_TEXT_REASONS = [
    ("Region of interest or partial brain coverage only", 14),
    ("No stereotactic peak coordinates reported", 17),
    ("Review, animal experiment or secondary analysis", 6),
    ("Duplicate publication of the same data", 5),
    ("Wrong population (not post-stroke motor dysfunction)", 8),
    ("Wrong intervention (not acupuncture)", 5),
    ("Not resting-state fMRI (ALFF/ReHo)", 8),
]
