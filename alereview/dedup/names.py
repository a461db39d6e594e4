"""Chinese author names in characters, compared with their transliterations.

A Chinese article is indexed with its authors in characters (王伟; 李娜) by Chinese databases
and transliterated (Wang, W; LI Na) by English ones. The surname decides most of the author
comparison (:func:`alereview.dedup.scoring.author_scores`), and Chinese surnames are few: the
:data:`SURNAMES` table gives the Hanyu Pinyin of the commonest (they cover most of the
population; a compound surname such as 欧阳 is matched first). A name whose surname is not
in the table keeps its characters and simply does not match a transliteration.

Examples
--------
>>> pinyin_surname("王伟")
'wang'
>>> pinyin_surname("欧阳娜")
'ouyang'
"""

from __future__ import annotations

_TABLE = """
王 wang 李 li 张 zhang 刘 liu 陈 chen 杨 yang 黄 huang 赵 zhao 吴 wu 周 zhou 徐 xu 孙 sun 马 ma 朱 zhu 胡 hu
郭 guo 何 he 高 gao 林 lin 罗 luo 郑 zheng 梁 liang 谢 xie 宋 song 唐 tang 许 xu 韩 han 冯 feng 邓 deng 曹 cao
彭 peng 曾 zeng 肖 xiao 田 tian 董 dong 袁 yuan 潘 pan 于 yu 蒋 jiang 蔡 cai 余 yu 杜 du 叶 ye 程 cheng 苏 su
魏 wei 吕 lv 丁 ding 任 ren 沈 shen 姚 yao 卢 lu 姜 jiang 崔 cui 钟 zhong 谭 tan 陆 lu 汪 wang 范 fan 金 jin
石 shi 廖 liao 贾 jia 夏 xia 韦 wei 付 fu 傅 fu 方 fang 白 bai 邹 zou 孟 meng 熊 xiong 秦 qin 邱 qiu 江 jiang
尹 yin 薛 xue 闫 yan 阎 yan 段 duan 雷 lei 侯 hou 龙 long 史 shi 陶 tao 黎 li 贺 he 顾 gu 毛 mao 郝 hao 龚 gong
邵 shao 万 wan 钱 qian 严 yan 覃 qin 武 wu 戴 dai 莫 mo 孔 kong 向 xiang 汤 tang 常 chang 温 wen 康 kang 施 shi
文 wen 牛 niu 樊 fan 葛 ge 邢 xing 安 an 齐 qi 易 yi 乔 qiao 伍 wu 庞 pang 颜 yan 倪 ni 庄 zhuang 聂 nie 章 zhang
鲁 lu 岳 yue 翟 zhai 殷 yin 詹 zhan 申 shen 欧 ou 耿 geng 关 guan 兰 lan 焦 jiao 俞 yu 左 zuo 柳 liu 甘 gan 祝 zhu
包 bao 宁 ning 尚 shang 符 fu 舒 shu 阮 ruan 柯 ke 纪 ji 梅 mei 童 tong 凌 ling 毕 bi 单 shan 季 ji 裴 pei 霍 huo
涂 tu 成 cheng 苗 miao 谷 gu 盛 sheng 曲 qu 翁 weng 冉 ran 骆 luo 蓝 lan 路 lu 游 you 辛 xin 靳 jin 管 guan
柴 chai 蒙 meng 鲍 bao 华 hua 喻 yu 祁 qi 蒲 pu 房 fang 滕 teng 屈 qu 饶 rao 解 xie 牟 mou 艾 ai 尤 you 阳 yang
时 shi 穆 mu 农 nong 司 si 卓 zhuo 古 gu 吉 ji 缪 miao 简 jian 车 che 项 xiang 连 lian 芦 lu 麦 mai 褚 chu
娄 lou 窦 dou 戚 qi 岑 cen 景 jing 党 dang 宫 gong 费 fei 卜 bu 冷 leng 晏 yan 席 xi 卫 wei 米 mi 柏 bai 宗 zong
瞿 qu 桂 gui 全 quan 佟 tong 应 ying 臧 zang 闵 min 苟 gou 邬 wu 边 bian 卞 bian 姬 ji 师 shi 和 he 仇 qiu
栾 luan 隋 sui 商 shang 刁 diao 沙 sha 荣 rong 巫 wu 寇 kou 桑 sang 郎 lang 甄 zhen 丛 cong 仲 zhong 虞 yu
敖 ao 巩 gong 明 ming 佘 she 池 chi 查 zha 麻 ma 苑 yuan 迟 chi 邝 kuang 區 ou 區 ou 張 zhang 陳 chen 劉 liu
黃 huang 趙 zhao 吳 wu 孫 sun 馬 ma 鄭 zheng 謝 xie 許 xu 韓 han 馮 feng 鄧 deng 蕭 xiao 葉 ye 蘇 su 呂 lv
盧 lu 鍾 zhong 譚 tan 陸 lu 賈 jia 鄒 zou 龍 long 顧 gu 錢 qian 嚴 yan 湯 tang 魯 lu 聶 nie 關 guan 歐 ou
欧阳 ouyang 司马 sima 上官 shangguan 诸葛 zhuge 东方 dongfang 皇甫 huangfu 令狐 linghu 慕容 murong 尉迟 yuchi
司徒 situ 夏侯 xiahou 端木 duanmu 公孙 gongsun 长孙 zhangsun 宇文 yuwen 歐陽 ouyang 司馬 sima
"""
_WORDS = _TABLE.split()
SURNAMES = dict(zip(_WORDS[::2], _WORDS[1::2]))
_COMPOUND = {k: v for k, v in SURNAMES.items() if len(k) == 2}


def pinyin_surname(name: str) -> str:
    """The pinyin surname of a Chinese name written in characters, or ``""`` when unknown."""
    name = name.strip()
    if len(name) >= 3 and name[:2] in _COMPOUND:
        return _COMPOUND[name[:2]]
    return SURNAMES.get(name[:1], "")


def latin_authors(authors) -> tuple:
    """``(surname, initial)`` authors with names in characters replaced by their pinyin surname
    (no initial: the given name's reading is not looked up). Unknown surnames are dropped."""
    out = []
    for surname, initial in authors:
        if surname and not surname.isascii():
            pinyin = pinyin_surname(surname)
            if pinyin:
                out.append((pinyin, ""))
        else:
            out.append((surname, initial))
    return tuple(out)


def has_cjk_names(authors) -> bool:
    """True when the author list is written in characters."""
    return bool(authors) and not authors[0][0].isascii()
