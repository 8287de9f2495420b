package export

import (
	"strconv"
	"strings"
)

// country is what ACLED's layout says about a country: its ISO 3166-1
// alpha-3 and numeric codes (ACLED's "iso" column), the English name
// ACLED uses and ACLED's region.
type country struct {
	ISO2, ISO3 string
	Numeric    int
	Name       string
	Region     string
}

// countries by ISO 3166-1 alpha-2 code.
var countries = map[string]*country{}

// countryTable is written by hand from ISO 3166-1 (codes are facts, checked
// against ../shared/data/countries by a test) with the short English names
// ACLED uses and ACLED's regions; where ACLED's choice for a territory was
// not known, the region follows the UN M49 sub-region it lies in.
// Columns: alpha-2, alpha-3, numeric, name, region.
const countryTable = `
AD AND 020 Andorra|Europe
AE ARE 784 United Arab Emirates|Middle East
AF AFG 004 Afghanistan|South Asia
AG ATG 028 Antigua and Barbuda|Caribbean
AI AIA 660 Anguilla|Caribbean
AL ALB 008 Albania|Europe
AM ARM 051 Armenia|Caucasus and Central Asia
AO AGO 024 Angola|Southern Africa
AQ ATA 010 Antarctica|Antarctica
AR ARG 032 Argentina|South America
AS ASM 016 American Samoa|Oceania
AT AUT 040 Austria|Europe
AU AUS 036 Australia|Oceania
AW ABW 533 Aruba|Caribbean
AX ALA 248 Aland Islands|Europe
AZ AZE 031 Azerbaijan|Caucasus and Central Asia
BA BIH 070 Bosnia and Herzegovina|Europe
BB BRB 052 Barbados|Caribbean
BD BGD 050 Bangladesh|South Asia
BE BEL 056 Belgium|Europe
BF BFA 854 Burkina Faso|Western Africa
BG BGR 100 Bulgaria|Europe
BH BHR 048 Bahrain|Middle East
BI BDI 108 Burundi|Eastern Africa
BJ BEN 204 Benin|Western Africa
BL BLM 652 Saint-Barthelemy|Caribbean
BM BMU 060 Bermuda|North America
BN BRN 096 Brunei|Southeast Asia
BO BOL 068 Bolivia|South America
BQ BES 535 Caribbean Netherlands|Caribbean
BR BRA 076 Brazil|South America
BS BHS 044 Bahamas|Caribbean
BT BTN 064 Bhutan|South Asia
BV BVT 074 Bouvet Island|Antarctica
BW BWA 072 Botswana|Southern Africa
BY BLR 112 Belarus|Europe
BZ BLZ 084 Belize|Central America
CA CAN 124 Canada|North America
CC CCK 166 Cocos (Keeling) Islands|Oceania
CD COD 180 Democratic Republic of Congo|Middle Africa
CF CAF 140 Central African Republic|Middle Africa
CG COG 178 Republic of Congo|Middle Africa
CH CHE 756 Switzerland|Europe
CI CIV 384 Ivory Coast|Western Africa
CK COK 184 Cook Islands|Oceania
CL CHL 152 Chile|South America
CM CMR 120 Cameroon|Middle Africa
CN CHN 156 China|East Asia
CO COL 170 Colombia|South America
CR CRI 188 Costa Rica|Central America
CU CUB 192 Cuba|Caribbean
CV CPV 132 Cape Verde|Western Africa
CW CUW 531 Curacao|Caribbean
CX CXR 162 Christmas Island|Oceania
CY CYP 196 Cyprus|Middle East
CZ CZE 203 Czech Republic|Europe
DE DEU 276 Germany|Europe
DJ DJI 262 Djibouti|Eastern Africa
DK DNK 208 Denmark|Europe
DM DMA 212 Dominica|Caribbean
DO DOM 214 Dominican Republic|Caribbean
DZ DZA 012 Algeria|Northern Africa
EC ECU 218 Ecuador|South America
EE EST 233 Estonia|Europe
EG EGY 818 Egypt|Northern Africa
EH ESH 732 Western Sahara|Northern Africa
ER ERI 232 Eritrea|Eastern Africa
ES ESP 724 Spain|Europe
ET ETH 231 Ethiopia|Eastern Africa
FI FIN 246 Finland|Europe
FJ FJI 242 Fiji|Oceania
FK FLK 238 Falkland Islands|South America
FM FSM 583 Micronesia|Oceania
FO FRO 234 Faroe Islands|Europe
FR FRA 250 France|Europe
GA GAB 266 Gabon|Middle Africa
GB GBR 826 United Kingdom|Europe
GD GRD 308 Grenada|Caribbean
GE GEO 268 Georgia|Caucasus and Central Asia
GF GUF 254 French Guiana|South America
GG GGY 831 Guernsey|Europe
GH GHA 288 Ghana|Western Africa
GI GIB 292 Gibraltar|Europe
GL GRL 304 Greenland|North America
GM GMB 270 Gambia|Western Africa
GN GIN 324 Guinea|Western Africa
GP GLP 312 Guadeloupe|Caribbean
GQ GNQ 226 Equatorial Guinea|Middle Africa
GR GRC 300 Greece|Europe
GS SGS 239 South Georgia and the South Sandwich Islands|Antarctica
GT GTM 320 Guatemala|Central America
GU GUM 316 Guam|Oceania
GW GNB 624 Guinea-Bissau|Western Africa
GY GUY 328 Guyana|South America
HK HKG 344 Hong Kong|East Asia
HM HMD 334 Heard Island and McDonald Islands|Antarctica
HN HND 340 Honduras|Central America
HR HRV 191 Croatia|Europe
HT HTI 332 Haiti|Caribbean
HU HUN 348 Hungary|Europe
ID IDN 360 Indonesia|Southeast Asia
IE IRL 372 Ireland|Europe
IL ISR 376 Israel|Middle East
IM IMN 833 Isle of Man|Europe
IN IND 356 India|South Asia
IO IOT 086 British Indian Ocean Territory|Eastern Africa
IQ IRQ 368 Iraq|Middle East
IR IRN 364 Iran|Middle East
IS ISL 352 Iceland|Europe
IT ITA 380 Italy|Europe
JE JEY 832 Jersey|Europe
JM JAM 388 Jamaica|Caribbean
JO JOR 400 Jordan|Middle East
JP JPN 392 Japan|East Asia
KE KEN 404 Kenya|Eastern Africa
KG KGZ 417 Kyrgyzstan|Caucasus and Central Asia
KH KHM 116 Cambodia|Southeast Asia
KI KIR 296 Kiribati|Oceania
KM COM 174 Comoros|Eastern Africa
KN KNA 659 Saint Kitts and Nevis|Caribbean
KP PRK 408 North Korea|East Asia
KR KOR 410 South Korea|East Asia
KW KWT 414 Kuwait|Middle East
KY CYM 136 Cayman Islands|Caribbean
KZ KAZ 398 Kazakhstan|Caucasus and Central Asia
LA LAO 418 Laos|Southeast Asia
LB LBN 422 Lebanon|Middle East
LC LCA 662 Saint Lucia|Caribbean
LI LIE 438 Liechtenstein|Europe
LK LKA 144 Sri Lanka|South Asia
LR LBR 430 Liberia|Western Africa
LS LSO 426 Lesotho|Southern Africa
LT LTU 440 Lithuania|Europe
LU LUX 442 Luxembourg|Europe
LV LVA 428 Latvia|Europe
LY LBY 434 Libya|Northern Africa
MA MAR 504 Morocco|Northern Africa
MC MCO 492 Monaco|Europe
MD MDA 498 Moldova|Europe
ME MNE 499 Montenegro|Europe
MF MAF 663 Saint-Martin|Caribbean
MG MDG 450 Madagascar|Southern Africa
MH MHL 584 Marshall Islands|Oceania
MK MKD 807 North Macedonia|Europe
ML MLI 466 Mali|Western Africa
MM MMR 104 Myanmar|Southeast Asia
MN MNG 496 Mongolia|East Asia
MO MAC 446 Macau|East Asia
MP MNP 580 Northern Mariana Islands|Oceania
MQ MTQ 474 Martinique|Caribbean
MR MRT 478 Mauritania|Western Africa
MS MSR 500 Montserrat|Caribbean
MT MLT 470 Malta|Europe
MU MUS 480 Mauritius|Eastern Africa
MV MDV 462 Maldives|South Asia
MW MWI 454 Malawi|Southern Africa
MX MEX 484 Mexico|Central America
MY MYS 458 Malaysia|Southeast Asia
MZ MOZ 508 Mozambique|Southern Africa
NA NAM 516 Namibia|Southern Africa
NC NCL 540 New Caledonia|Oceania
NE NER 562 Niger|Western Africa
NF NFK 574 Norfolk Island|Oceania
NG NGA 566 Nigeria|Western Africa
NI NIC 558 Nicaragua|Central America
NL NLD 528 Netherlands|Europe
NO NOR 578 Norway|Europe
NP NPL 524 Nepal|South Asia
NR NRU 520 Nauru|Oceania
NU NIU 570 Niue|Oceania
NZ NZL 554 New Zealand|Oceania
OM OMN 512 Oman|Middle East
PA PAN 591 Panama|Central America
PE PER 604 Peru|South America
PF PYF 258 French Polynesia|Oceania
PG PNG 598 Papua New Guinea|Oceania
PH PHL 608 Philippines|Southeast Asia
PK PAK 586 Pakistan|South Asia
PL POL 616 Poland|Europe
PM SPM 666 Saint Pierre and Miquelon|North America
PN PCN 612 Pitcairn|Oceania
PR PRI 630 Puerto Rico|Caribbean
PS PSE 275 Palestine|Middle East
PT PRT 620 Portugal|Europe
PW PLW 585 Palau|Oceania
PY PRY 600 Paraguay|South America
QA QAT 634 Qatar|Middle East
RE REU 638 Reunion|Eastern Africa
RO ROU 642 Romania|Europe
RS SRB 688 Serbia|Europe
RU RUS 643 Russia|Europe
RW RWA 646 Rwanda|Eastern Africa
SA SAU 682 Saudi Arabia|Middle East
SB SLB 090 Solomon Islands|Oceania
SC SYC 690 Seychelles|Eastern Africa
SD SDN 729 Sudan|Northern Africa
SE SWE 752 Sweden|Europe
SG SGP 702 Singapore|Southeast Asia
SH SHN 654 Saint Helena, Ascension and Tristan da Cunha|Western Africa
SI SVN 705 Slovenia|Europe
SJ SJM 744 Svalbard and Jan Mayen|Europe
SK SVK 703 Slovakia|Europe
SL SLE 694 Sierra Leone|Western Africa
SM SMR 674 San Marino|Europe
SN SEN 686 Senegal|Western Africa
SO SOM 706 Somalia|Eastern Africa
SR SUR 740 Suriname|South America
SS SSD 728 South Sudan|Eastern Africa
ST STP 678 Sao Tome and Principe|Middle Africa
SV SLV 222 El Salvador|Central America
SX SXM 534 Sint Maarten|Caribbean
SY SYR 760 Syria|Middle East
SZ SWZ 748 eSwatini|Southern Africa
TC TCA 796 Turks and Caicos Islands|Caribbean
TD TCD 148 Chad|Middle Africa
TF ATF 260 French Southern Territories|Antarctica
TG TGO 768 Togo|Western Africa
TH THA 764 Thailand|Southeast Asia
TJ TJK 762 Tajikistan|Caucasus and Central Asia
TK TKL 772 Tokelau|Oceania
TL TLS 626 East Timor|Southeast Asia
TM TKM 795 Turkmenistan|Caucasus and Central Asia
TN TUN 788 Tunisia|Northern Africa
TO TON 776 Tonga|Oceania
TR TUR 792 Turkey|Middle East
TT TTO 780 Trinidad and Tobago|Caribbean
TV TUV 798 Tuvalu|Oceania
TW TWN 158 Taiwan|East Asia
TZ TZA 834 Tanzania|Eastern Africa
UA UKR 804 Ukraine|Europe
UG UGA 800 Uganda|Eastern Africa
UM UMI 581 United States Minor Outlying Islands|Oceania
US USA 840 United States|North America
UY URY 858 Uruguay|South America
UZ UZB 860 Uzbekistan|Caucasus and Central Asia
VA VAT 336 Vatican City|Europe
VC VCT 670 Saint Vincent and the Grenadines|Caribbean
VE VEN 862 Venezuela|South America
VG VGB 092 British Virgin Islands|Caribbean
VI VIR 850 Virgin Islands, U.S.|Caribbean
VN VNM 704 Vietnam|Southeast Asia
VU VUT 548 Vanuatu|Oceania
WF WLF 876 Wallis and Futuna|Oceania
WS WSM 882 Samoa|Oceania
XK XKX 000 Kosovo|Europe
YE YEM 887 Yemen|Middle East
YT MYT 175 Mayotte|Eastern Africa
ZA ZAF 710 South Africa|Southern Africa
ZM ZMB 894 Zambia|Southern Africa
ZW ZWE 716 Zimbabwe|Southern Africa
`

func init() {
	for _, l := range strings.Split(strings.TrimSpace(countryTable), "\n") {
		codes, rest, _ := strings.Cut(l, " ")
		iso3, rest, _ := strings.Cut(rest, " ")
		num, rest, _ := strings.Cut(rest, " ")
		name, region, _ := strings.Cut(rest, "|")
		n, err := strconv.Atoi(num)
		if err != nil || len(codes) != 2 || len(iso3) != 3 || name == "" || region == "" {
			panic("export: bad country row: " + l)
		}
		countries[codes] = &country{codes, iso3, n, name, region}
	}
}

// lookupCountry returns the country of an ISO 3166-1 alpha-2 code (any
// case), or nil.
func lookupCountry(iso2 string) *country {
	if len(iso2) != 2 {
		return nil
	}
	return countries[strings.ToUpper(iso2)]
}
