/**
 * Messages the API returns and the web app shows for rule violations, in
 * Vietnamese (default) and English. Keys are stable; the server picks the
 * language from Accept-Language, the web app from the user's switch.
 * Each message says what is wrong and what to do.
 */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const vi = {
  // generic
  validationFailed: 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra các trường được nêu.',
  invalidJson: 'Nội dung gửi lên không phải JSON hợp lệ: {detail}',
  unsupportedMediaType: 'Kiểu nội dung "{type}" không được hỗ trợ ở đây.',
  payloadTooLarge: 'Dữ liệu gửi lên quá lớn (tối đa {limit}).',
  unknownField: 'Trường "{field}" không được chấp nhận.',
  notFound: 'Không tìm thấy {thing}.',
  routeNotFound: 'Không có địa chỉ {method} {url}.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  unauthenticated: 'Bạn cần đăng nhập để tiếp tục.',
  rateLimited: 'Quá nhiều yêu cầu. Vui lòng thử lại sau {after}.',
  internal: 'Hệ thống gặp lỗi không mong muốn. Dữ liệu của bạn chưa bị thay đổi; vui lòng thử lại hoặc báo quản trị viên (mã tra cứu {requestId}).',
  csrfMissing: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (x-csrf-token). Hãy tải lại trang rồi thử lại.',
  // auth
  loginFailed: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  accountLocked: 'Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau {minutes} phút hoặc liên hệ quản trị viên.',
  accountDisabled: 'Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị viên đơn vị.',
  sessionExpired: 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  currentPasswordWrong: 'Mật khẩu hiện tại không đúng.',
  passwordTooShort: 'Mật khẩu mới phải có ít nhất {min} ký tự.',
  passwordSameAsOld: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
  // agencies
  codeEmpty: 'Mã định danh không được để trống.',
  codeTooLong: 'Mã định danh dài tối đa 35 ký tự (Quyết định 20/2020/QĐ-TTg).',
  codeBadCharacters: 'Mã định danh chỉ gồm chữ số, chữ in hoa A-Z và dấu chấm (Quyết định 20/2020/QĐ-TTg).',
  codeBadDots: 'Mã định danh không được bắt đầu, kết thúc bằng dấu chấm hoặc có hai dấu chấm liền nhau.',
  codeQcvnLevelGap: 'Mã theo QCVN 102 phải khai báo đủ các cấp phía trên (ví dụ 000.03.07.H54 cần cấp 2 là 07).',
  codeTaken: 'Mã định danh {code} đã được cấp cho "{holder}". Mỗi mã chỉ dùng cho một cơ quan, kể cả mã cũ.',
  nameForm: 'Tên chỉ gồm chữ, chữ số, khoảng trắng và các dấu . , ( ) - / & : \' " ; không được chứa các ký tự như < > ; { } $.',
  textControlCharacters: 'Nội dung chứa ký tự điều khiển không hợp lệ; hãy gõ lại hoặc dán dưới dạng văn bản thường.',
  shortNameForm: 'Tên viết tắt chỉ gồm chữ in hoa và chữ số, không dấu cách (ví dụ SKHCN).',
  usernameForm: 'Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số và các dấu . _ -',
  parentNotFound: 'Không tìm thấy cơ quan cấp trên đã chọn.',
  parentCycle: 'Không thể chọn cơ quan cấp trên là chính nó hoặc đơn vị trực thuộc của nó.',
  parentClosed: 'Cơ quan cấp trên "{name}" đã giải thể hoặc sáp nhập; hãy chọn cơ quan kế thừa.',
  agencyClosed: 'Cơ quan "{name}" đã đóng từ ngày {date}; không thể sửa đổi.',
  successorSelf: 'Cơ quan kế thừa không thể là chính cơ quan bị đóng.',
  successorClosed: 'Cơ quan kế thừa "{name}" cũng đã đóng; hãy chọn cơ quan đang hoạt động.',
  closeBeforeOpen: 'Ngày đóng ({validTo}) không được trước ngày bắt đầu hiệu lực ({validFrom}).',
  closeWithChildren: 'Cơ quan còn {count} đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc đóng các đơn vị này trước, hoặc chọn cơ quan kế thừa để chuyển sang.',
  codeChangeBeforeCurrent: 'Ngày hiệu lực của mã mới phải sau ngày hiệu lực của mã hiện tại ({date}).',
  codeUnchanged: 'Mã mới trùng với mã hiện tại.',
  // import
  importBadFile: 'Không đọc được tệp: {detail}. Hãy dùng tệp .xlsx hoặc .csv theo mẫu xuất từ hệ thống.',
  importMissingColumns: 'Tệp thiếu cột bắt buộc: {columns}.',
  importRowErrors: 'Tệp có {count} lỗi; chưa có dòng nào được nhập. Sửa các dòng được nêu rồi nhập lại.',
  importRequired: 'Bắt buộc nhập.',
  importBadType: 'Loại cơ quan "{value}" không hợp lệ; dùng một trong: {allowed}.',
  importBadDate: 'Ngày "{value}" không hợp lệ; dùng dạng yyyy-MM-dd hoặc dd/MM/yyyy.',
  importUnknownCode: 'Không tìm thấy cơ quan có mã {code} trong tệp hoặc trong danh mục.',
  importDuplicateCode: 'Mã {code} xuất hiện nhiều lần trong tệp (dòng {rows}).',
  importEmpty: 'Tệp không có dòng dữ liệu nào.',
  importRowErrorsCapped: 'Tệp có {count} lỗi; chưa có dòng nào được nhập. Dưới đây là {shown} lỗi đầu tiên; sửa các dòng này rồi nhập lại để xem các lỗi còn lại.',
  importCell: 'dòng {row}, cột {column}',
  importTooLong: 'Dài tối đa {max} ký tự.',
  importOldCode: 'Mã {code} là mã cũ của "{holder}"; hãy dùng mã hiện tại {current}.',
  importValidFromChanged: 'Cơ quan đã có ngày bắt đầu hiệu lực {date}; không thể đổi ngày này bằng cách nhập tệp.',
  importNeedsValidTo: 'Chỉ ghi cột {column} khi cơ quan đóng: hãy nhập cả ngày kết thúc hiệu lực (validTo) hoặc xóa ô này.',
  importNeedsClosingReason: 'Cơ quan có ngày kết thúc hiệu lực phải ghi lý do đóng, ví dụ căn cứ quyết định sáp nhập.',
  importTooManyRows: 'Tệp có hơn {max} dòng dữ liệu, nhiều hơn một danh mục cơ quan có thể có; hãy kiểm tra lại tệp (có thể đã chọn nhầm tệp).',
  // users
  usernameTaken: 'Tên đăng nhập "{username}" đã được dùng.',
  agencyNotFound: 'Không tìm thấy cơ quan đã chọn.',
  roleNotAllowed: 'Bạn không thể cấp vai trò {role}.',
  cannotDisableSelf: 'Bạn không thể tự vô hiệu hóa hay bỏ quyền quản trị của chính mình.',
  // files
  fileMissing: 'Không có tệp nào trong yêu cầu; gửi tệp trong trường "file" (multipart/form-data).',
  fileTooLarge: 'Tệp vượt quá dung lượng cho phép ({limit}).',
  fileTypeRefused: 'Loại tệp "{type}" không được chấp nhận. Được phép: {allowed}.',
  fileTextNotUtf8: 'Tệp .{extension} không ở bảng mã UTF-8. Trong Excel hãy chọn Lưu thành "CSV UTF-8 (Comma delimited)"; với tệp văn bản hãy lưu với bảng mã UTF-8.',
  fileTypeMismatch: 'Nội dung tệp là "{actual}" nhưng tên tệp có đuôi .{extension}; tệp bị từ chối.',
  // things
  thingAgency: 'cơ quan',
  thingUser: 'người dùng',
  thingFile: 'tệp',
  thingTask: 'tác vụ',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  validationFailed: 'The submitted data is not valid. Please check the fields listed.',
  invalidJson: 'The request body is not valid JSON: {detail}',
  unsupportedMediaType: 'Content type "{type}" is not supported here.',
  payloadTooLarge: 'The request is too large (at most {limit}).',
  unknownField: 'Field "{field}" is not accepted.',
  notFound: 'The {thing} was not found.',
  routeNotFound: 'There is no {method} {url}.',
  forbidden: 'You are not allowed to do this.',
  unauthenticated: 'Please sign in to continue.',
  rateLimited: 'Too many requests. Please try again in {after}.',
  internal: 'Something went wrong on our side. Nothing was changed; please try again or tell your administrator (reference {requestId}).',
  csrfMissing: 'The anti-forgery token (x-csrf-token) is missing or wrong. Reload the page and try again.',
  loginFailed: 'Wrong username or password.',
  accountLocked: 'This account is locked after too many wrong passwords. Try again in {minutes} minutes or contact an administrator.',
  accountDisabled: 'This account is disabled. Contact your agency administrator.',
  sessionExpired: 'Your session has expired. Please sign in again.',
  currentPasswordWrong: 'The current password is wrong.',
  passwordTooShort: 'The new password must have at least {min} characters.',
  passwordSameAsOld: 'The new password must differ from the current one.',
  codeEmpty: 'The identification code must not be empty.',
  codeTooLong: 'An identification code has at most 35 characters (Decision 20/2020/QĐ-TTg).',
  codeBadCharacters: 'An identification code may contain only digits, capital letters A-Z and dots (Decision 20/2020/QĐ-TTg).',
  codeBadDots: 'An identification code must not start or end with a dot or contain two dots in a row.',
  codeQcvnLevelGap: 'A QCVN 102 code must fill every level above the lowest one (e.g. 000.03.07.H54 needs level 2 = 07).',
  codeTaken: 'Code {code} is already assigned to "{holder}". Each code belongs to one agency only, old codes included.',
  nameForm: 'A name may contain only letters, digits, spaces and . , ( ) - / & : \' " ; characters such as < > ; { } $ are not allowed.',
  textControlCharacters: 'The text contains invalid control characters; type it again or paste it as plain text.',
  shortNameForm: 'The abbreviation may contain only capital letters and digits, without spaces (e.g. SKHCN).',
  usernameForm: 'A username may contain only lower-case letters without diacritics, digits and . _ -',
  parentNotFound: 'The selected parent agency was not found.',
  parentCycle: 'An agency cannot be its own parent or sit under one of its own units.',
  parentClosed: 'Parent agency "{name}" is closed or merged; choose its successor.',
  agencyClosed: 'Agency "{name}" closed on {date}; it can no longer be changed.',
  successorSelf: 'The successor cannot be the agency being closed.',
  successorClosed: 'Successor "{name}" is closed too; choose an active agency.',
  closeBeforeOpen: 'The closing date ({validTo}) cannot be before the agency became valid ({validFrom}).',
  closeWithChildren: 'The agency still has {count} active units under it; move or close them first, or name a successor to move them to.',
  codeChangeBeforeCurrent: 'The new code must take effect after the current code did ({date}).',
  codeUnchanged: 'The new code is the same as the current one.',
  importBadFile: 'The file could not be read: {detail}. Use an .xlsx or .csv file shaped like the system export.',
  importMissingColumns: 'The file lacks required columns: {columns}.',
  importRowErrors: 'The file has {count} errors; nothing was imported. Fix the rows listed and import again.',
  importRequired: 'Required.',
  importBadType: 'Agency type "{value}" is not valid; use one of: {allowed}.',
  importBadDate: 'Date "{value}" is not valid; use yyyy-MM-dd or dd/MM/yyyy.',
  importUnknownCode: 'No agency with code {code} in the file or the registry.',
  importDuplicateCode: 'Code {code} appears more than once in the file (rows {rows}).',
  importEmpty: 'The file has no data rows.',
  importRowErrorsCapped: 'The file has {count} errors; nothing was imported. The first {shown} are listed; fix them and import again to see the rest.',
  importCell: 'row {row}, column {column}',
  importTooLong: 'At most {max} characters.',
  importOldCode: 'Code {code} is a former code of "{holder}"; use its current code {current}.',
  importValidFromChanged: 'The agency has been valid since {date}; an import cannot change this date.',
  importNeedsValidTo: 'Fill column {column} only for a closed agency: enter its end date (validTo) too, or clear this cell.',
  importNeedsClosingReason: 'An agency with an end date needs a closing reason, e.g. the merger decision it rests on.',
  importTooManyRows: 'The file has more than {max} data rows, more than an agency registry can hold; check the file (it may be the wrong one).',
  usernameTaken: 'Username "{username}" is already taken.',
  agencyNotFound: 'The selected agency was not found.',
  roleNotAllowed: 'You cannot grant the role {role}.',
  cannotDisableSelf: 'You cannot disable yourself or remove your own administrator role.',
  fileMissing: 'No file in the request; send it in the "file" field (multipart/form-data).',
  fileTooLarge: 'The file is larger than allowed ({limit}).',
  fileTypeRefused: 'File type "{type}" is not accepted. Allowed: {allowed}.',
  fileTextNotUtf8: 'The .{extension} file is not UTF-8 encoded. In Excel use Save As "CSV UTF-8 (Comma delimited)"; save text files as UTF-8.',
  fileTypeMismatch: 'The content is "{actual}" but the name ends in .{extension}; the file was refused.',
  thingAgency: 'agency',
  thingUser: 'user',
  thingFile: 'file',
  thingTask: 'task',
};

export const MESSAGES: Record<Language, Record<MessageKey, string>> = { vi, en };

export type MessageParams = Record<string, string | number>;

export function isMessageKey(key: string): key is MessageKey {
  return key in vi;
}

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Picks vi or en from an Accept-Language header; Vietnamese unless English is preferred. */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}
