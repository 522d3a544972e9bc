export interface LoginRequest {
  email: string;
  password: string;
}

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: string;
  /**
   * Whether the same person (e-mail, ignoring case) is an admin in
   * Production's users table: only then may they write to Production.
   */
  mayWriteToProduction: boolean;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn: number;
  user: AuthUser;
}
