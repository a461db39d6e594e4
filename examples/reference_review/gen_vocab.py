"""Vocabulary of the simulated bibliography: names, journals and the words titles are made of.

Everything here is invented for the replica (see README.md); real journal names are used so
that the exports look like the ones a reviewer gets, but no simulated record is a real paper.
"""

from __future__ import annotations

# (characters, pinyin) of common Chinese surnames.
SURNAMES = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("黄", "Huang"),
    ("赵", "Zhao"),
    ("吴", "Wu"),
    ("周", "Zhou"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("马", "Ma"),
    ("朱", "Zhu"),
    ("胡", "Hu"),
    ("郭", "Guo"),
    ("何", "He"),
    ("林", "Lin"),
    ("罗", "Luo"),
    ("高", "Gao"),
    ("梁", "Liang"),
    ("郑", "Zheng"),
    ("谢", "Xie"),
    ("宋", "Song"),
    ("唐", "Tang"),
    ("韩", "Han"),
    ("冯", "Feng"),
    ("邓", "Deng"),
    ("曹", "Cao"),
    ("彭", "Peng"),
    ("曾", "Zeng"),
    ("肖", "Xiao"),
    ("田", "Tian"),
    ("董", "Dong"),
    ("潘", "Pan"),
    ("袁", "Yuan"),
    ("蔡", "Cai"),
    ("蒋", "Jiang"),
    ("余", "Yu"),
    ("杜", "Du"),
    ("叶", "Ye"),
    ("程", "Cheng"),
    ("魏", "Wei"),
    ("苏", "Su"),
    ("吕", "Lyu"),
    ("丁", "Ding"),
    ("任", "Ren"),
    ("姚", "Yao"),
    ("沈", "Shen"),
    ("钟", "Zhong"),
    ("崔", "Cui"),
    ("谭", "Tan"),
    ("范", "Fan"),
    ("廖", "Liao"),
    ("石", "Shi"),
    ("金", "Jin"),
    ("贾", "Jia"),
    ("夏", "Xia"),
    ("方", "Fang"),
    ("邹", "Zou"),
    ("熊", "Xiong"),
    ("白", "Bai"),
    ("孟", "Meng"),
    ("秦", "Qin"),
    ("邱", "Qiu"),
    ("侯", "Hou"),
    ("尹", "Yin"),
    ("薛", "Xue"),
    ("段", "Duan"),
    ("雷", "Lei"),
    ("龙", "Long"),
    ("陶", "Tao"),
    ("顾", "Gu"),
    ("毛", "Mao"),
    ("郝", "Hao"),
    ("邵", "Shao"),
    ("万", "Wan"),
    ("钱", "Qian"),
    ("戴", "Dai"),
    ("严", "Yan"),
    ("孔", "Kong"),
    ("向", "Xiang"),
    ("常", "Chang"),
    ("牛", "Niu"),
]

# (character, pinyin syllable) for given names.
GIVEN = [
    ("晓", "xiao"),
    ("庆", "qing"),
    ("明", "ming"),
    ("华", "hua"),
    ("丽", "li"),
    ("伟", "wei"),
    ("芳", "fang"),
    ("军", "jun"),
    ("敏", "min"),
    ("静", "jing"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("艳", "yan"),
    ("勇", "yong"),
    ("杰", "jie"),
    ("娟", "juan"),
    ("涛", "tao"),
    ("超", "chao"),
    ("秀", "xiu"),
    ("霞", "xia"),
    ("平", "ping"),
    ("刚", "gang"),
    ("英", "ying"),
    ("玉", "yu"),
    ("梅", "mei"),
    ("志", "zhi"),
    ("宏", "hong"),
    ("建", "jian"),
    ("中", "zhong"),
    ("飞", "fei"),
    ("正", "zheng"),
    ("彩", "cai"),
    ("红", "hong"),
    ("娜", "na"),
    ("新", "xin"),
    ("文", "wen"),
    ("海", "hai"),
    ("春", "chun"),
    ("云", "yun"),
    ("东", "dong"),
    ("辉", "hui"),
    ("斌", "bin"),
    ("鹏", "peng"),
    ("慧", "hui"),
    ("琳", "lin"),
    ("婷", "ting"),
    ("雪", "xue"),
    ("冰", "bing"),
    ("锋", "feng"),
    ("荣", "rong"),
    ("爱", "ai"),
    ("凤", "feng"),
    ("国", "guo"),
    ("清", "qing"),
    ("嘉", "jia"),
    ("欣", "xin"),
    ("宇", "yu"),
    ("浩", "hao"),
    ("博", "bo"),
    ("思", "si"),
    ("佳", "jia"),
    ("泽", "ze"),
    ("晨", "chen"),
    ("阳", "yang"),
    ("瑶", "yao"),
    ("怡", "yi"),
    ("倩", "qian"),
    ("颖", "ying"),
    ("瑞", "rui"),
    ("凯", "kai"),
    ("立", "li"),
    ("德", "de"),
    ("兰", "lan"),
    ("萍", "ping"),
    ("燕", "yan"),
    ("晶", "jing"),
    ("蕾", "lei"),
    ("峰", "feng"),
    ("坤", "kun"),
    ("亮", "liang"),
    ("琴", "qin"),
    ("鑫", "xin"),
    ("松", "song"),
    ("旭", "xu"),
]

WESTERN_SURNAMES = [
    "Smith",
    "Johnson",
    "Müller",
    "Schmidt",
    "García",
    "Rossi",
    "Kim",
    "Park",
    "Lee",
    "Choi",
    "Nguyen",
    "Brown",
    "Wilson",
    "Taylor",
    "Anderson",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Campbell",
    "Mitchell",
    "Roberts",
    "Carter",
    "Phillips",
    "Evans",
    "Turner",
    "Torres",
    "Parker",
    "Collins",
    "Edwards",
    "Stewart",
    "Morris",
    "Murphy",
    "Cook",
    "Rogers",
    "Peterson",
    "Cooper",
    "Reed",
    "Bailey",
    "Bell",
    "Kelly",
    "Howard",
    "Ward",
    "Cox",
    "Richardson",
    "Wood",
    "Watson",
    "Brooks",
    "Bennett",
    "Gray",
    "James",
    "Hughes",
    "Price",
    "Sanders",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Jensen",
    "Nakamura",
    "Tanaka",
    "Suzuki",
    "Sato",
    "Fernández",
    "Lopes",
    "Dubois",
    "Lefèvre",
    "Novak",
    "Kowalski",
    "Andersson",
    "Nielsen",
    "O'Brien",
    "Van der Berg",
    "De Luca",
    "Yoo",
    "Jung",
]
WESTERN_GIVEN = [
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Daniel",
    "Karen",
    "Matthew",
    "Nancy",
    "Anthony",
    "Lisa",
    "Mark",
    "Sandra",
    "Paul",
    "Ashley",
    "Steven",
    "Emily",
    "Andrew",
    "Michelle",
    "Joshua",
    "Amanda",
    "Kevin",
    "Melissa",
    "Brian",
    "Laura",
    "Hyun-Jin",
    "Min-Ji",
    "Seung-Ho",
    "Hiroshi",
    "Yuki",
    "Ana",
    "José",
    "Lucía",
    "Marco",
    "Giulia",
    "Hannah",
    "Lukas",
    "Sophie",
    "Élise",
    "Jan",
    "Katarzyna",
    "Erik",
    "Ingrid",
]

# name, ISO abbreviation, WoS J9, DOI prefix, (indexed in PubMed, Embase, WoS)
EN_JOURNALS = [
    ("Neural Regeneration Research", "Neural Regen Res", "NEURAL REGEN RES", "10.4103/1673-5374", (1, 1, 1)),
    (
        "Evidence-Based Complementary and Alternative Medicine",
        "Evid Based Complement Alternat Med",
        "EVID-BASED COMPL ALT",
        "10.1155",
        (1, 1, 1),
    ),
    ("Acupuncture in Medicine", "Acupunct Med", "ACUPUNCT MED", "10.1136/acupmed", (1, 1, 1)),
    ("Frontiers in Neurology", "Front Neurol", "FRONT NEUROL", "10.3389/fneur", (1, 1, 1)),
    ("Frontiers in Neuroscience", "Front Neurosci", "FRONT NEUROSCI-SWITZ", "10.3389/fnins", (1, 1, 1)),
    ("Frontiers in Human Neuroscience", "Front Hum Neurosci", "FRONT HUM NEUROSCI", "10.3389/fnhum", (1, 1, 1)),
    ("Neural Plasticity", "Neural Plast", "NEURAL PLAST", "10.1155", (1, 1, 1)),
    ("Brain Research", "Brain Res", "BRAIN RES", "10.1016/j.brainres", (1, 1, 1)),
    ("NeuroImage: Clinical", "Neuroimage Clin", "NEUROIMAGE-CLIN", "10.1016/j.nicl", (1, 1, 1)),
    ("Human Brain Mapping", "Hum Brain Mapp", "HUM BRAIN MAPP", "10.1002/hbm", (1, 1, 1)),
    ("Journal of Alternative and Complementary Medicine", "J Altern Complement Med", "J ALTERN COMPLEM MED", "10.1089/acm", (1, 1, 1)),
    ("Complementary Therapies in Medicine", "Complement Ther Med", "COMPLEMENT THER MED", "10.1016/j.ctim", (1, 1, 1)),
    ("Medicine", "Medicine (Baltimore)", "MEDICINE", "10.1097/MD", (1, 1, 1)),
    ("BMJ Open", "BMJ Open", "BMJ OPEN", "10.1136/bmjopen", (1, 1, 1)),
    ("Trials", "Trials", "TRIALS", "10.1186/s13063", (1, 1, 1)),
    ("Stroke", "Stroke", "STROKE", "10.1161/STROKEAHA", (1, 1, 1)),
    ("Neurorehabilitation and Neural Repair", "Neurorehabil Neural Repair", "NEUROREHAB NEURAL RE", "10.1177/15459683", (1, 1, 1)),
    (
        "Journal of Stroke and Cerebrovascular Diseases",
        "J Stroke Cerebrovasc Dis",
        "J STROKE CEREBROVASC",
        "10.1016/j.jstrokecerebrovasdis",
        (1, 1, 1),
    ),
    ("Chinese Journal of Integrative Medicine", "Chin J Integr Med", "CHIN J INTEGR MED", "10.1007/s11655", (1, 1, 1)),
    ("Journal of Traditional Chinese Medicine", "J Tradit Chin Med", "J TRADIT CHIN MED", "10.19852/j.cnki.jtcm", (1, 1, 1)),
    ("Brain Sciences", "Brain Sci", "BRAIN SCI", "10.3390/brainsci", (1, 1, 1)),
    ("Brain Imaging and Behavior", "Brain Imaging Behav", "BRAIN IMAGING BEHAV", "10.1007/s11682", (1, 1, 1)),
    ("Neuroscience Letters", "Neurosci Lett", "NEUROSCI LETT", "10.1016/j.neulet", (1, 1, 1)),
    ("Scientific Reports", "Sci Rep", "SCI REP-UK", "10.1038/s41598", (1, 1, 1)),
    ("PLoS One", "PLoS One", "PLOS ONE", "10.1371/journal.pone", (1, 1, 1)),
    ("International Journal of Stroke", "Int J Stroke", "INT J STROKE", "10.1177/17474930", (1, 1, 1)),
    ("Magnetic Resonance Imaging", "Magn Reson Imaging", "MAGN RESON IMAGING", "10.1016/j.mri", (1, 1, 1)),
    ("Journal of Integrative Medicine", "J Integr Med", "J INTEGR MED-JIM", "10.1016/j.joim", (1, 1, 1)),
    ("Archives of Physical Medicine and Rehabilitation", "Arch Phys Med Rehabil", "ARCH PHYS MED REHAB", "10.1016/j.apmr", (1, 1, 1)),
    ("Topics in Stroke Rehabilitation", "Top Stroke Rehabil", "TOP STROKE REHABIL", "10.1080/10749357", (1, 1, 1)),
    ("Chinese Medicine", "Chin Med", "CHIN MED-UK", "10.1186/s13020", (1, 1, 1)),
    ("World Journal of Acupuncture-Moxibustion", "World J Acupunct Moxibustion", "WORLD J ACUPUNCT-MOX", "10.1016/j.wjam", (0, 1, 1)),
    ("Journal of Acupuncture and Tuina Science", "J Acupunct Tuina Sci", "J ACUPUNCT TUINA SCI", "10.1007/s11726", (0, 1, 1)),
    ("Cerebrovascular Diseases", "Cerebrovasc Dis", "CEREBROVASC DIS", "10.1159/0005", (1, 1, 1)),
    ("Neurorehabilitation", "NeuroRehabilitation", "NEUROREHABILITATION", "10.3233/NRE", (1, 1, 1)),
]

# Chinese journals: (name, English name, PubMed title or None, ISO abbreviation, DOI pattern)
# DOI patterns take y (year), i (issue), n (article number); None: the journal had no DOIs.
ZH_JOURNALS = [
    (
        "中国针灸",
        "Chinese Acupuncture & Moxibustion",
        "Zhongguo zhen jiu = Chinese acupuncture & moxibustion",
        "Zhongguo Zhen Jiu",
        "10.13703/j.0255-2930.{y}.{i:02d}.{n:03d}",
    ),
    (
        "针刺研究",
        "Acupuncture Research",
        "Zhen ci yan jiu = Acupuncture research",
        "Zhen Ci Yan Jiu",
        "10.13702/j.1000-0607.{y}{i:02d}{n:02d}",
    ),
    (
        "中国中西医结合杂志",
        "Chinese Journal of Integrated Traditional and Western Medicine",
        "Zhongguo Zhong xi yi jie he za zhi Zhongguo Zhongxiyi jiehe zazhi = Chinese journal of integrated traditional and Western medicine",
        "Zhongguo Zhong Xi Yi Jie He Za Zhi",
        "10.7661/j.cjim.{y}{i:02d}{n:02d}.{n:03d}",
    ),
    (
        "中国康复医学杂志",
        "Chinese Journal of Rehabilitation Medicine",
        None,
        "Chin J Rehabil Med",
        "10.3969/j.issn.1001-1242.{y}.{i:02d}.{n:03d}",
    ),
    (
        "中华物理医学与康复杂志",
        "Chinese Journal of Physical Medicine and Rehabilitation",
        None,
        "Chin J Phys Med Rehabil",
        "10.3760/cma.j.issn.0254-1424.{y}.{i:02d}.{n:03d}",
    ),
    (
        "上海针灸杂志",
        "Shanghai Journal of Acupuncture and Moxibustion",
        None,
        "Shanghai J Acupunct Moxibustion",
        "10.13460/j.issn.1005-0957.{y}.{i:02d}.{n:04d}",
    ),
    (
        "针灸临床杂志",
        "Journal of Clinical Acupuncture and Moxibustion",
        None,
        "J Clin Acupunct Moxibustion",
        "10.3969/j.issn.1005-0779.{y}.{i:02d}.{n:03d}",
    ),
    (
        "中国医学影像技术",
        "Chinese Journal of Medical Imaging Technology",
        None,
        "Chin J Med Imaging Technol",
        "10.13929/j.1003-3289.{y}{i:02d}{n:03d}",
    ),
    (
        "磁共振成像",
        "Chinese Journal of Magnetic Resonance Imaging",
        None,
        "Chin J Magn Reson Imaging",
        "10.12015/issn.1674-8034.{y}.{i:02d}.{n:03d}",
    ),
    (
        "中国康复理论与实践",
        "Chinese Journal of Rehabilitation Theory and Practice",
        None,
        "Chin J Rehabil Theory Pract",
        "10.3969/j.issn.1006-9771.{y}.{i:02d}.{n:03d}",
    ),
    ("中华中医药杂志", "China Journal of Traditional Chinese Medicine and Pharmacy", None, "China J Tradit Chin Med Pharm", None),
    ("中医杂志", "Journal of Traditional Chinese Medicine", None, "J Tradit Chin Med (Chin)", "10.13288/j.11-2166/r.{y}.{i:02d}.{n:03d}"),
    (
        "中西医结合心脑血管病杂志",
        "Chinese Journal of Integrative Medicine on Cardio-Cerebrovascular Disease",
        None,
        "Chin J Integr Med Cardio-Cerebrovasc Dis",
        "10.12102/j.issn.1672-1349.{y}.{i:02d}.{n:03d}",
    ),
    (
        "中国中医急症",
        "Journal of Emergency in Traditional Chinese Medicine",
        None,
        "J Emerg Tradit Chin Med",
        "10.3969/j.issn.1004-745X.{y}.{i:02d}.{n:03d}",
    ),
    ("时珍国医国药", "Lishizhen Medicine and Materia Medica Research", None, "Lishizhen Med Mater Med Res", None),
    (
        "辽宁中医杂志",
        "Liaoning Journal of Traditional Chinese Medicine",
        None,
        "Liaoning J Tradit Chin Med",
        "10.13192/j.issn.1000-1719.{y}.{i:02d}.{n:03d}",
    ),
    (
        "广州中医药大学学报",
        "Journal of Guangzhou University of Traditional Chinese Medicine",
        None,
        "J Guangzhou Univ Tradit Chin Med",
        "10.13359/j.cnki.gzxbtcm.{y}.{i:02d}.{n:03d}",
    ),
    (
        "北京中医药大学学报",
        "Journal of Beijing University of Traditional Chinese Medicine",
        None,
        "J Beijing Univ Tradit Chin Med",
        "10.3969/j.issn.1006-2157.{y}.{i:02d}.{n:03d}",
    ),
    (
        "中国中医基础医学杂志",
        "Journal of Basic Chinese Medicine",
        None,
        "J Basic Chin Med",
        "10.19945/j.cnki.issn.1006-3250.{y}.{i:02d}.{n:03d}",
    ),
    ("中国临床医学影像杂志", "Journal of China Clinic Medical Imaging", None, "J China Clin Med Imaging", None),
    ("中华神经科杂志", "Chinese Journal of Neurology", None, "Chin J Neurol", "10.3760/cma.j.issn.1006-7876.{y}.{i:02d}.{n:03d}"),
    ("中国卒中杂志", "Chinese Journal of Stroke", None, "Chin J Stroke", "10.3969/j.issn.1673-5765.{y}.{i:02d}.{n:03d}"),
    ("针灸推拿医学", "Journal of Acupuncture and Tuina Science (Chinese)", None, "Acupunct Tuina Sci", None),
    ("世界中医药", "World Chinese Medicine", None, "World Chin Med", "10.3969/j.issn.1673-7202.{y}.{i:02d}.{n:03d}"),
]

# Universities that award the theses (学位论文), with CNKI's thesis DOI code.
UNIVERSITIES = [
    ("广州中医药大学", "ggzzu"),
    ("北京中医药大学", "gbjzc"),
    ("南京中医药大学", "gnjzc"),
    ("上海中医药大学", "gszyu"),
    ("成都中医药大学", "gcdzc"),
    ("黑龙江中医药大学", "ghlzu"),
    ("天津中医药大学", "gtzyy"),
    ("山东中医药大学", "gszxy"),
    ("长春中医药大学", "gczzy"),
    ("福建中医药大学", "gfjzc"),
    ("湖南中医药大学", "ghuzc"),
    ("河南中医药大学", "ghezy"),
]

# English title parts. Each list is long enough that titles combine without repeating.
EN_INTERVENTIONS = [
    "acupuncture",
    "electroacupuncture",
    "scalp acupuncture",
    "manual acupuncture",
    "Xingnao Kaiqiao acupuncture",
    "abdominal acupuncture",
    "acupuncture at Yanglingquan (GB34)",
    "acupuncture at Zusanli (ST36)",
    "acupuncture at Baihui (GV20)",
    "acupuncture at Neiguan (PC6)",
    "acupuncture at Hegu (LI4)",
    "Jin's three-needle therapy",
    "eye acupuncture",
    "transcutaneous electrical acupoint stimulation",
    "warm needle acupuncture",
    "penetrating needling",
    "nape acupuncture",
    "fire needle therapy",
    "acupoint catgut embedding",
    "intradermal needling",
    "auricular acupuncture",
    "wrist-ankle acupuncture",
    "sham-controlled acupuncture",
    "deep needling",
    "Tongdu Tiaoshen acupuncture",
]
EN_CONDITIONS = [
    "ischemic stroke",
    "post-stroke hemiplegia",
    "subacute stroke",
    "chronic stroke",
    "post-stroke motor dysfunction",
    "spastic hemiplegia after stroke",
    "cerebral infarction",
    "basal ganglia infarction",
    "thalamic stroke",
    "acute ischemic stroke",
    "hemorrhagic stroke",
    "post-stroke upper limb dysfunction",
    "post-stroke lower limb dysfunction",
    "hemiparetic stroke",
    "stroke survivors with hand dysfunction",
    "lacunar infarction",
]
EN_OUTCOMES = [
    "regional homogeneity",
    "amplitude of low-frequency fluctuation",
    "fractional amplitude of low-frequency fluctuation",
    "functional connectivity",
    "the default mode network",
    "the sensorimotor network",
    "brain activation",
    "interhemispheric functional connectivity",
    "effective connectivity of the motor network",
    "cerebral blood flow",
    "white matter integrity",
    "cortical excitability",
    "degree centrality",
    "voxel-mirrored homotopic connectivity",
    "the cerebellar-cortical circuit",
    "the motor cortex",
    "the supplementary motor area",
    "graph-theoretical network properties",
]
EN_METHODS = [
    "a resting-state fMRI study",
    "a randomized controlled trial",
    "a pilot study",
    "an fMRI study",
    "a task-based fMRI study",
    "a diffusion tensor imaging study",
    "a multimodal neuroimaging study",
    "a longitudinal study",
    "a case-control study",
    "a prospective cohort study",
    "a preliminary report",
    "a crossover study",
]
EN_OFF_TOPICS = [
    "Needle thrombectomy",
    "Fine-needle aspiration",
    "Dry needling",
    "Botulinum toxin injection",
    "Transcranial magnetic stimulation",
    "Mirror therapy",
    "Robot-assisted gait training",
    "Constraint-induced movement therapy",
    "Motor imagery training",
    "Transcranial direct current stimulation",
    "Virtual reality rehabilitation",
    "Aerobic exercise",
    "Tai Chi",
    "Herbal medicine",
    "Moxibustion",
    "Cupping therapy",
    "Massage therapy",
    "Music therapy",
    "Brain-computer interface training",
    "Intravenous thrombolysis",
    "Mechanical thrombectomy",
    "Statin therapy",
    "Dual antiplatelet therapy",
]
EN_OFF_CONDITIONS = [
    "migraine",
    "Parkinson's disease",
    "major depressive disorder",
    "chronic low back pain",
    "knee osteoarthritis",
    "functional dyspepsia",
    "insomnia",
    "mild cognitive impairment",
    "Alzheimer's disease",
    "vascular dementia",
    "post-stroke depression",
    "post-stroke aphasia",
    "post-stroke dysphagia",
    "post-stroke shoulder pain",
    "carotid stenosis",
    "atrial fibrillation",
    "cerebral small vessel disease",
    "traumatic brain injury",
    "spinal cord injury",
    "Bell's palsy",
    "primary dysmenorrhea",
    "irritable bowel syndrome",
    "fibromyalgia",
    "chronic neck pain",
]
EN_OFF_OUTCOMES = [
    "clinical outcomes",
    "pain intensity",
    "quality of life",
    "cognitive function",
    "gait parameters",
    "balance",
    "neuroinflammation",
    "oxidative stress",
    "infarct volume",
    "serum biomarkers",
    "sleep quality",
    "depressive symptoms",
    "swallowing function",
    "language recovery",
    "heart rate variability",
    "muscle spasticity",
]
EN_OFF_METHODS = [
    "a systematic review and meta-analysis",
    "a network meta-analysis",
    "a narrative review",
    "a randomized controlled trial",
    "a study protocol",
    "a retrospective cohort study",
    "a bibliometric analysis",
    "a case report",
    "a cross-sectional survey",
    "an observational study",
    "an experimental study in rats",
    "an overview of systematic reviews",
]
EN_REGIONS = [
    "precentral gyrus",
    "postcentral gyrus",
    "supplementary motor area",
    "cerebellum",
    "precuneus",
    "inferior frontal gyrus",
    "middle temporal gyrus",
    "putamen",
    "thalamus",
    "insula",
    "cingulate cortex",
    "medial frontal gyrus",
    "supramarginal gyrus",
    "claustrum",
]


# Chinese title parts, each with the English the journal prints beside it.
def _pairs(text):
    return [tuple(item.split("|")) for item in text.strip().split("\n")]


ZH_INTERVENTIONS = _pairs("""
针刺|acupuncture
电针|electroacupuncture
头针|scalp acupuncture
醒脑开窍针刺法|Xingnao Kaiqiao acupuncture
腹针|abdominal acupuncture
针刺阳陵泉|acupuncture at Yanglingquan (GB34)
针刺足三里|acupuncture at Zusanli (ST36)
针刺百会|acupuncture at Baihui (GV20)
针刺内关|acupuncture at Neiguan (PC6)
针刺合谷|acupuncture at Hegu (LI4)
靳三针|Jin's three-needle therapy
眼针|eye acupuncture
经皮穴位电刺激|transcutaneous electrical acupoint stimulation
温针灸|warm needle acupuncture
透刺法|penetrating needling
项针|nape acupuncture
火针|fire needle therapy
穴位埋线|acupoint catgut embedding
皮内针|intradermal needling
耳针|auricular acupuncture
腕踝针|wrist-ankle acupuncture
通督调神针法|Tongdu Tiaoshen acupuncture
巨刺法|contralateral needling
颞三针|temporal three-needle therapy
头穴丛刺|cluster needling of scalp points
针刺运动疗法|acupuncture combined with exercise therapy
平衡针|balance acupuncture
调神导气针法|Tiaoshen Daoqi needling
""")
ZH_CONDITIONS = _pairs("""
缺血性脑卒中|ischemic stroke
脑卒中后偏瘫|post-stroke hemiplegia
中风后运动功能障碍|post-stroke motor dysfunction
脑梗死|cerebral infarction
脑卒中后肢体运动障碍|post-stroke limb motor impairment
痉挛性偏瘫|spastic hemiplegia
基底节区脑梗死|basal ganglia infarction
急性缺血性脑卒中|acute ischemic stroke
脑出血后偏瘫|hemiplegia after intracerebral hemorrhage
中风偏瘫|stroke hemiplegia
脑卒中后上肢功能障碍|post-stroke upper limb dysfunction
脑卒中后下肢运动障碍|post-stroke lower limb motor impairment
脑卒中恢复期|convalescent stroke
腔隙性脑梗死|lacunar infarction
丘脑卒中|thalamic stroke
脑卒中后手功能障碍|post-stroke hand dysfunction
""")
ZH_OUTCOMES = _pairs("""
局部一致性|regional homogeneity
低频振幅|amplitude of low-frequency fluctuation
分数低频振幅|fractional amplitude of low-frequency fluctuation
功能连接|functional connectivity
默认模式网络|the default mode network
感觉运动网络|the sensorimotor network
脑功能活动|brain functional activity
大脑皮层激活|cortical activation
半球间功能连接|interhemispheric functional connectivity
运动网络有效连接|effective connectivity of the motor network
脑血流灌注|cerebral blood flow
白质纤维完整性|white matter integrity
皮质兴奋性|cortical excitability
度中心度|degree centrality
镜像同伦功能连接|voxel-mirrored homotopic connectivity
小脑-皮层环路|the cerebellar-cortical circuit
初级运动皮层|the primary motor cortex
辅助运动区|the supplementary motor area
脑网络拓扑属性|brain network topology
""")
ZH_METHODS = _pairs("""
静息态功能磁共振研究|a resting-state fMRI study
随机对照试验|a randomized controlled trial
临床研究|a clinical study
功能磁共振成像研究|an fMRI study
初步研究|a preliminary study
任务态功能磁共振研究|a task-based fMRI study
弥散张量成像研究|a diffusion tensor imaging study
多模态磁共振研究|a multimodal MRI study
临床观察|a clinical observation
前瞻性研究|a prospective study
疗效观察|an efficacy observation
病例对照研究|a case-control study
""")
ZH_OFF_TOPICS = _pairs("""
针刀|acupotomy
穴位注射|acupoint injection
肉毒毒素注射|botulinum toxin injection
经颅磁刺激|transcranial magnetic stimulation
镜像疗法|mirror therapy
机器人辅助步态训练|robot-assisted gait training
强制性运动疗法|constraint-induced movement therapy
运动想象训练|motor imagery training
经颅直流电刺激|transcranial direct current stimulation
虚拟现实康复|virtual reality rehabilitation
太极拳|Tai Chi
中药|Chinese herbal medicine
艾灸|moxibustion
拔罐|cupping
推拿|Tuina
音乐疗法|music therapy
脑机接口训练|brain-computer interface training
静脉溶栓|intravenous thrombolysis
补阳还五汤|Buyang Huanwu decoction
八段锦|Baduanjin
康复训练|rehabilitation training
中西医结合疗法|integrated Chinese and Western medicine
""")
ZH_OFF_CONDITIONS = _pairs("""
偏头痛|migraine
帕金森病|Parkinson's disease
抑郁症|depression
腰痛|low back pain
膝骨关节炎|knee osteoarthritis
功能性消化不良|functional dyspepsia
失眠|insomnia
轻度认知障碍|mild cognitive impairment
阿尔茨海默病|Alzheimer's disease
血管性痴呆|vascular dementia
脑卒中后抑郁|post-stroke depression
脑卒中后失语|post-stroke aphasia
脑卒中后吞咽障碍|post-stroke dysphagia
脑卒中后肩痛|post-stroke shoulder pain
颈动脉狭窄|carotid stenosis
脑小血管病|cerebral small vessel disease
颅脑损伤|traumatic brain injury
脊髓损伤|spinal cord injury
周围性面瘫|peripheral facial palsy
原发性痛经|primary dysmenorrhea
肠易激综合征|irritable bowel syndrome
颈椎病|cervical spondylosis
脑卒中后认知障碍|post-stroke cognitive impairment
中风后便秘|post-stroke constipation
""")
ZH_OFF_OUTCOMES = _pairs("""
临床疗效|clinical efficacy
疼痛程度|pain intensity
生活质量|quality of life
认知功能|cognitive function
步态参数|gait parameters
平衡功能|balance
炎症因子|inflammatory cytokines
氧化应激|oxidative stress
梗死体积|infarct volume
血清标志物|serum biomarkers
睡眠质量|sleep quality
抑郁症状|depressive symptoms
吞咽功能|swallowing function
语言功能|language function
神经功能缺损|neurological deficit
肌张力|muscle tone
""")
ZH_OFF_METHODS = _pairs("""
系统评价与Meta分析|a systematic review and meta-analysis
网状Meta分析|a network meta-analysis
研究进展|a review
随机对照试验|a randomized controlled trial
研究方案|a study protocol
回顾性研究|a retrospective study
文献计量学分析|a bibliometric analysis
病例报告|a case report
临床观察|a clinical observation
实验研究|an experimental study
大鼠实验研究|an experimental study in rats
数据挖掘研究|a data mining study
""")
ZH_REGIONS = list(
    zip("中央前回 中央后回 辅助运动区 小脑 楔前叶 额下回 颞中回 壳核 丘脑 岛叶 扣带回 额内侧回 缘上回 屏状核".split(), EN_REGIONS)
)
