/**
 * Word lists for the synthetic corpus, written for this benchmark: health-news
 * English, Vietnamese-style names and places, and a long tail of made-up words
 * so that the full-text index sees a realistic number of distinct terms.
 */
import { Prng } from './prng.js';

/** Short words that make up about half of any English news text. */
export const FUNCTION_WORDS: readonly string[] = `
the of and to in a for on with at by from that was is were has have had said as be this its are will after
more than which their who an been not also but about over into up new other all these some most during
while before under since against between many such only about per each both them they he she his her
`
  .split(/\s+/)
  .filter(Boolean);

/** Health-news content words, most frequent first (their rank drives the Zipf draw). */
export const CONTENT_WORDS: readonly string[] = `
health hospital patients people cases doctors ministry province medical treatment disease year city
department said officials care vaccine people's district centre staff children outbreak infection
emergency surgery virus test tests testing hospitals clinic clinics nurses doctor patient beds
dengue fever measles influenza tuberculosis cancer diabetes hypertension stroke heart kidney liver lung
vaccination vaccinated doses dose campaign programme rural urban residents families mothers infants
elderly workers students schools community communities prevention control surveillance monitoring
symptoms diagnosis diagnosed detected confirmed recovered discharged admitted transferred intensive
unit units ward wards equipment supplies medicine medicines drugs drug pharmacy pharmacies price prices
insurance coverage budget funding investment upgrade upgraded facility facilities building built
provincial national central local regional general specialist specialists training trained experts
expert research study studies survey data report reports reported according figures rate rates
increase increased decrease decreased rise rising fall falling compared previous same period month
months week weeks days daily annual nearly about around least more than total number numbers
director deputy head chairman committee people's council government authorities inspection inspectors
food safety poisoning contaminated water sanitation hygiene mosquito mosquitoes larvae spraying
chemicals clean environment air pollution smoke tobacco alcohol obesity nutrition malnutrition
stunting vitamin breastfeeding pregnant pregnancy births birth newborn newborns maternal mortality
death deaths died killed injured injuries accident accidents traffic burns fractures trauma
blood donation donors transfusion organ transplant transplants kidney donor recipient operation
operations successfully successful technique techniques laparoscopic endoscopic robotic minimally
invasive procedure procedures therapy therapies chemotherapy radiotherapy dialysis ventilator oxygen
ambulance ambulances emergency hotline calls response responders volunteers association red cross
free charge cost costs poor households disadvantaged mountainous remote ethnic minority border islands
telemedicine digital records electronic system systems software online appointments queue waiting
overcrowding overload shortage shortages resign resigned salaries salary allowance allowances
private public sector partnership international cooperation agreement signed delegation visit visited
conference workshop meeting seminar forum announced launched opened inaugurated ceremony celebrated
award awarded recognised honour honoured excellent contributions dedicated service years decades
antibiotic antibiotics resistance resistant bacteria bacterial viral infections respiratory
pneumonia bronchitis asthma allergy allergies skin eye eyes cataract glaucoma blindness hearing
teeth dental oral mental depression anxiety stress suicide addiction rehabilitation disability
disabilities elderly ageing population family planning contraception abortion screening screened
early late stage stages tumour tumours benign malignant biopsy scan scans imaging mri ultrasound
x-ray laboratory laboratories samples sample specimens sequencing variant variants strain strains
`
  .split(/\s+/)
  .filter(Boolean);

export const SURNAMES: readonly string[] = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô',
  'Dương', 'Lý', 'Đinh', 'Trịnh', 'Mai', 'Tạ', 'Lương', 'Cao', 'Kiều', 'Quách',
];

export const MIDDLE_NAMES: readonly string[] = [
  'Văn', 'Thị', 'Hữu', 'Minh', 'Đức', 'Ngọc', 'Thanh', 'Quang', 'Xuân', 'Thu', 'Hồng', 'Kim', 'Anh', 'Bảo',
  'Công', 'Duy', 'Gia', 'Khắc', 'Mạnh', 'Phương',
];

export const GIVEN_NAMES: readonly string[] = [
  'An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan',
  'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vy', 'Yến',
  'Đạt', 'Thắng', 'Cường', 'Thủy', 'Ngân', 'Việt', 'Hoàn', 'Kiên',
];

export const TITLES: readonly string[] = ['Dr.', 'Prof.', 'Assoc. Prof.', 'Mr.', 'Ms.', 'Mrs.', 'Deputy Minister', 'Director'];

/** Places that hospitals are named after. */
export const PLACES: readonly string[] = [
  'Hà Nội', 'Huế', 'Đà Nẵng', 'Cần Thơ', 'Hải Phòng', 'Nghệ An', 'Thanh Hóa', 'Quảng Ninh', 'Bình Dương',
  'Đồng Nai', 'Khánh Hòa', 'Lâm Đồng', 'Thái Bình', 'Nam Định', 'Bắc Giang', 'Long An', 'An Giang',
  'Kiên Giang', 'Sơn La', 'Lào Cai', 'Gia Lai', 'Đắk Lắk', 'Bến Tre', 'Cà Mau', 'Phú Thọ', 'Hà Tĩnh',
  'Quảng Nam', 'Bình Định', 'Tây Ninh', 'Vĩnh Long',
];

export const HOSPITAL_KINDS: readonly string[] = [
  'General Hospital', 'Provincial General Hospital', "Children's Hospital", 'Obstetrics and Gynaecology Hospital',
  'Hospital for Tropical Diseases', 'Oncology Hospital', 'Heart Hospital', 'Traditional Medicine Hospital',
  'Eye Hospital', 'Lung Hospital', 'Mental Health Hospital', 'Rehabilitation Hospital',
];

export const MONTHS: readonly string[] = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November',
  'December',
];

export const UNITS: readonly string[] = [
  'cases', 'patients', 'people', 'doses', 'beds', 'deaths', 'children', 'percent', 'tonnes', 'samples',
  'health workers', 'households',
];

/** Lines of article-spinner syntax left unexpanded by link farms. */
export const SPIN_LINES: readonly string[] = [
  '{Tin nóng}|{Tin hot}|{Xem ngay}|',
  '{Đọc thêm}|{Xem thêm}|{Chi tiết}|{Tại đây}|',
  '{Best price}|{Cheap offer}|{Buy now}|',
  '{Khuyến mãi}|{Ưu đãi}|{Giảm giá}|',
];

/** Betting-site lines of the kind scraped news pages carry. */
export const BETTING_LINES: readonly string[] = [
  'link ae888 chính thức',
  'nhà cái fb88 uy tín',
  'đăng ký w88 nhận thưởng',
  'link vào 789bet mới nhất',
  'soi kèo bóng đá hôm nay',
  'casino trực tuyến uy tín',
];

/** Characters scrapers and watermarks wedge into words: emoji, astral symbols, letters of other scripts. */
export const STRAY_CHARACTERS: readonly string[] = [
  '😷', '💉', '🏥', '🔥', '𝐱', '𝕜', '𝒶', '𓂀', '🜁', '𝄞', 'ж', 'д', 'λ', 'Ω', 'ק', 'ש', 'ه', 'ก', '한', 'ア',
];

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'cl', 'dr', 'fl', 'gr', 'pr', 'st', 'tr', 'ph', 'th', 'ch', 'x', 'qu'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'l', 'r', 's', 'x', 'm', 't', 'ne', 'ol', 'ine', 'ex', 'ide', 'ate', 'ium', 'an', 'or'];

/**
 * `count` distinct made-up words (drug names, places, jargon): the long tail of a
 * real vocabulary, which decides how many terms the full-text index holds.
 */
export function makeTailWords(count: number, seed = 7): string[] {
  const prng = new Prng(seed);
  const known = new Set<string>([...FUNCTION_WORDS, ...CONTENT_WORDS]);
  const words: string[] = [];
  while (words.length < count) {
    const syllables = prng.int(2, 4);
    let word = '';
    for (let i = 0; i < syllables; i++) word += prng.pick(ONSETS) + prng.pick(VOWELS);
    word += prng.pick(CODAS);
    if (known.has(word)) continue;
    known.add(word);
    words.push(word);
  }
  return words;
}
