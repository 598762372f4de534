/**
 * How a bundle's shared material (named by the county in the 一件事 list) is matched to an
 * item's own material: by name, after normalising away what differs only in typing.
 *
 * The rule, on purpose strict: Unicode NFKC (full-width brackets and letters become their
 * ASCII forms), then drop whitespace, book-title marks 《》〈〉 and quotes, and drop
 * parenthesised annotations such as "（经营场所）". What remains must be equal. So
 * "《不动产登记申请书》" matches "不动产登记申请书" and "住所（经营场所）使用证明" matches
 * "住所使用证明", but "出生医学证明" does not match "婴幼儿出生医学证明": a near name may be
 * a different paper (the county's list, not a guess, decides what counts as one material).
 */
export function materialNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\([^()]*\)/g, '')
    .replace(/[\s《》〈〉"'“”‘’「」]/g, '')
}

export function sameMaterialName(a: string, b: string): boolean {
  return materialNameKey(a) === materialNameKey(b)
}
