"""The references the generated methods text may cite, by citation key (NiMARE's keys where it has them)."""

REFERENCES = {
    "page2021prisma": "Page MJ, McKenzie JE, Bossuyt PM, et al. The PRISMA 2020 statement: an updated guideline for reporting systematic reviews. BMJ. 2021;372:n71.",
    "rethlefsen2021prismas": "Rethlefsen ML, Kirtley S, Waffenschmidt S, et al. PRISMA-S: an extension to the PRISMA Statement for Reporting Literature Searches in Systematic Reviews. Syst Rev. 2021;10(1):39.",
    "higgins2011cochrane": "Higgins JPT, Altman DG, Gøtzsche PC, et al. The Cochrane Collaboration's tool for assessing risk of bias in randomised trials. BMJ. 2011;343:d5928.",
    "sterne2019rob2": "Sterne JAC, Savović J, Page MJ, et al. RoB 2: a revised tool for assessing risk of bias in randomised trials. BMJ. 2019;366:l4898.",
    "slim2003minors": "Slim K, Nini E, Forestier D, et al. Methodological index for non-randomized studies (MINORS): development and validation of a new instrument. ANZ J Surg. 2003;73(9):712-716.",
    "cohen1960kappa": "Cohen J. A coefficient of agreement for nominal scales. Educ Psychol Meas. 1960;20(1):37-46.",
    "lancaster2007bias": "Lancaster JL, Tordesillas-Gutiérrez D, Martinez M, et al. Bias between MNI and Talairach coordinates analyzed using the ICBM-152 brain template. Hum Brain Mapp. 2007;28(11):1194-1205.",
    "brett2001talairach": "Brett M, Christoff K, Cusack R, Lancaster J. Using the Talairach atlas with the MNI template. NeuroImage. 2001;13(6):S85.",
    "turkeltaub2002meta": "Turkeltaub PE, Eden GF, Jones KM, Zeffiro TA. Meta-analysis of the functional neuroanatomy of single-word reading: method and validation. NeuroImage. 2002;16(3):765-780.",
    "turkeltaub2012minimizing": "Turkeltaub PE, Eickhoff SB, Laird AR, et al. Minimizing within-experiment and within-group effects in activation likelihood estimation meta-analyses. Hum Brain Mapp. 2012;33(1):1-13.",
    "eickhoff2009coordinate": "Eickhoff SB, Laird AR, Grefkes C, et al. Coordinate-based activation likelihood estimation meta-analysis of neuroimaging data: a random-effects approach based on empirical estimates of spatial uncertainty. Hum Brain Mapp. 2009;30(9):2907-2926.",
    "eickhoff2012activation": "Eickhoff SB, Bzdok D, Laird AR, Kurth F, Fox PT. Activation likelihood estimation meta-analysis revisited. NeuroImage. 2012;59(3):2349-2361.",
    "eickhoff2016behavior": "Eickhoff SB, Nichols TE, Laird AR, et al. Behavior, sensitivity, and power of activation likelihood estimation characterized by massive empirical simulation. NeuroImage. 2016;137:70-85.",
    "acar2018assessing": "Acar F, Seurinck R, Eickhoff SB, Moerkerke B. Assessing robustness against potential publication bias in Activation Likelihood Estimation (ALE) meta-analyses for fMRI. PLoS One. 2018;13(11):e0208177.",
    "muller2018ten": "Müller VI, Cieslik EC, Laird AR, et al. Ten simple rules for neuroimaging meta-analysis. Neurosci Biobehav Rev. 2018;84:151-161.",
    "Salo2023": "Salo T, Yarkoni T, Nichols TE, et al. NiMARE: Neuroimaging Meta-Analysis Research Environment. Aperture Neuro. 2023;3:1-32.",
    "lancaster2000automated": "Lancaster JL, Woldorff MG, Parsons LM, et al. Automated Talairach atlas labels for functional brain mapping. Hum Brain Mapp. 2000;10(3):120-131.",
    "abraham2014nilearn": "Abraham A, Pedregosa F, Eickenberg M, et al. Machine learning for neuroimaging with scikit-learn. Front Neuroinform. 2014;8:14.",
    "molder2021snakemake": "Mölder F, Jablonski KP, Letcher B, et al. Sustainable data analysis with Snakemake. F1000Research. 2021;10:33.",
}
