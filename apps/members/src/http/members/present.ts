import type { Member, MemberStatus } from '../../domain/types.ts'

/** The public JSON shape of a member record (the verify token stays server-side). */
export function presentMember(m: Member, status?: { status: MemberStatus; expiresOn: string | null }) {
  const { verifyToken: _t, ...rest } = m
  return status ? { ...rest, status: status.status, expiresOn: status.expiresOn } : rest
}
