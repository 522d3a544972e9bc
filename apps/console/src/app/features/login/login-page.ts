import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { AuthApi } from '../../core/api/auth-api';
import { toApiProblem } from '../../core/api/api-problem';
import { AuthStore } from '../../core/auth/auth-store';

export const NOT_ADMIN_MESSAGE = 'This account is not an admin: only admins may use the sync console.';

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? '' : '.');
}

/** Turns the login call's failure into the inline message the admin reads. */
export function loginErrorMessage(status: number, apiMessage: string): string {
  switch (status) {
    case 401:
      return 'Wrong e-mail or password.';
    case 403:
      return NOT_ADMIN_MESSAGE;
    case 429:
      // The API says which limit was hit and for how long; keep its words.
      return /too many/i.test(apiMessage) ? sentence(apiMessage) : `Too many login attempts: ${apiMessage}`;
    default:
      return sentence(apiMessage);
  }
}

@Component({
  selector: 'vx-login-page',
  imports: [
    ReactiveFormsModule,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatError,
    MatInput,
    MatButton,
    MatProgressBar,
  ],
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly api = inject(AuthApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.login(this.form.getRawValue()).subscribe({
      next: (response) => {
        this.busy.set(false);
        // Everything in this console is admin-only: a non-admin would only meet
        // 403s, so refuse here with the reason instead of keeping their token.
        if (response.user.role !== 'admin') {
          this.error.set(NOT_ADMIN_MESSAGE);
          return;
        }
        this.auth.start(response);
        const target = this.returnUrl();
        void this.router.navigateByUrl(
          target && target.startsWith('/') && !target.startsWith('//') ? target : '/comparison',
        );
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const problem = toApiProblem(err);
        this.error.set(loginErrorMessage(problem.status, problem.message));
      },
    });
  }
}
