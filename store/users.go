package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"clinicflow/clinic"
)

const userColumns = `id, username, password_hash, email, first_name, last_name,
	is_staff, is_superuser, is_active, token_generation, role, phone,
	specialization, license_number, department, hire_date, display_name, bio,
	clinic_address, date_joined, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanUser(row scanner) (*clinic.User, error) {
	var u clinic.User
	var role string
	err := row.Scan(&u.ID, &u.Username, &u.PasswordHash, &u.Email, &u.FirstName,
		&u.LastName, &u.IsStaff, &u.IsSuperuser, &u.IsActive, &u.TokenGeneration,
		&role, &u.Phone, &u.Specialization, &u.LicenseNumber, &u.Department,
		nullDateScan{&u.HireDate}, &u.DisplayName, &u.Bio, &u.ClinicAddress,
		ts{&u.DateJoined}, ts{&u.CreatedAt}, ts{&u.UpdatedAt})
	if err != nil {
		return nil, mapErr(err)
	}
	u.Role = clinic.Role(role)
	return &u, nil
}

// User returns the account with the given id.
func (s *Store) User(ctx context.Context, id int64) (*clinic.User, error) {
	row := s.conn().queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?", id)
	u, err := scanUser(row)
	if err != nil {
		return nil, fmt.Errorf("store: user %d: %w", id, err)
	}
	return u, nil
}

// UserByUsername returns the account with the given username.
func (s *Store) UserByUsername(ctx context.Context, username string) (*clinic.User, error) {
	row := s.conn().queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE username = ?", username)
	u, err := scanUser(row)
	if err != nil {
		// The name is left out: a password typed into the username field
		// must not reach a log through this error.
		return nil, fmt.Errorf("store: user by username: %w", err)
	}
	return u, nil
}

// Users returns every account, by username.
func (s *Store) Users(ctx context.Context) ([]clinic.User, error) {
	rows, err := s.conn().query(ctx, "SELECT "+userColumns+" FROM users ORDER BY username")
	if err != nil {
		return nil, fmt.Errorf("store: list users: %w", err)
	}
	defer rows.Close()
	var out []clinic.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list users: %w", err)
		}
		out = append(out, *u)
	}
	return out, rows.Err()
}

// CountUsers returns how many accounts exist.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.conn().queryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count users: %w", err)
	}
	return n, nil
}

// CreateUser adds an account and sets its id and times; ErrConflict when
// the username is taken.
func (s *Store) CreateUser(ctx context.Context, u *clinic.User) error {
	now := s.Now()
	u.DateJoined, u.CreatedAt, u.UpdatedAt = now, now, now
	err := s.conn().queryRow(ctx, `INSERT INTO users (username, password_hash, email,
		first_name, last_name, is_staff, is_superuser, is_active, token_generation,
		role, phone, specialization, license_number, department, hire_date,
		display_name, bio, clinic_address, date_joined, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`,
		u.Username, u.PasswordHash, u.Email, u.FirstName, u.LastName, u.IsStaff,
		u.IsSuperuser, u.IsActive, u.TokenGeneration, string(u.Role), u.Phone,
		u.Specialization, u.LicenseNumber, u.Department, nullDateArg(u.HireDate),
		u.DisplayName, u.Bio, u.ClinicAddress, tv(now), tv(now), tv(now)).Scan(&u.ID)
	if err != nil {
		return fmt.Errorf("store: create user %q: %w", u.Username, mapErr(err))
	}
	return nil
}

// UpdateProfile saves the names, email and profile fields of an account.
func (s *Store) UpdateProfile(ctx context.Context, u *clinic.User) error {
	u.UpdatedAt = s.Now()
	res, err := s.conn().exec(ctx, `UPDATE users SET email = ?, first_name = ?,
		last_name = ?, phone = ?, specialization = ?, license_number = ?,
		department = ?, hire_date = ?, display_name = ?, bio = ?,
		clinic_address = ?, updated_at = ? WHERE id = ?`,
		u.Email, u.FirstName, u.LastName, u.Phone, u.Specialization,
		u.LicenseNumber, u.Department, nullDateArg(u.HireDate), u.DisplayName,
		u.Bio, u.ClinicAddress, tv(u.UpdatedAt), u.ID)
	return affectedOne(res, err, "update profile of user", u.ID)
}

// SetPassword replaces an account's password hash. When endSessions is
// true every token issued before stops working.
func (s *Store) SetPassword(ctx context.Context, id int64, hash string, endSessions bool) error {
	bump := 0
	if endSessions {
		bump = 1
	}
	res, err := s.conn().exec(ctx, `UPDATE users SET password_hash = ?,
		token_generation = token_generation + ?, updated_at = ? WHERE id = ?`,
		hash, bump, tv(s.Now()), id)
	return affectedOne(res, err, "set password of user", id)
}

// SetRole changes an account's role.
func (s *Store) SetRole(ctx context.Context, id int64, role clinic.Role) error {
	res, err := s.conn().exec(ctx, "UPDATE users SET role = ?, updated_at = ? WHERE id = ?",
		string(role), tv(s.Now()), id)
	return affectedOne(res, err, "set role of user", id)
}

// SetActive turns an account on or off; turning it off ends its tokens.
func (s *Store) SetActive(ctx context.Context, id int64, active bool) error {
	bump := 1
	if active {
		bump = 0
	}
	res, err := s.conn().exec(ctx, `UPDATE users SET is_active = ?,
		token_generation = token_generation + ?, updated_at = ? WHERE id = ?`,
		active, bump, tv(s.Now()), id)
	return affectedOne(res, err, "set active of user", id)
}

// affectedOne turns an UPDATE that touched no row into ErrNotFound.
func affectedOne(res interface{ RowsAffected() (int64, error) }, err error, what string, id int64) error {
	if err != nil {
		return fmt.Errorf("store: %s %d: %w", what, id, mapErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %s %d: %w", what, id, err)
	}
	if n == 0 {
		return fmt.Errorf("store: %s %d: %w", what, id, ErrNotFound)
	}
	return nil
}

// RevokeToken records that the token with the given id may no longer be
// used. Revoking twice is not an error.
func (s *Store) RevokeToken(ctx context.Context, jti string, expires time.Time) error {
	_, err := s.conn().exec(ctx, `INSERT INTO revoked_tokens (jti, expires_at)
		VALUES (?, ?) ON CONFLICT (jti) DO NOTHING`, jti, tv(expires))
	if err != nil {
		return fmt.Errorf("store: revoke token: %w", mapErr(err))
	}
	// Expired entries guard nothing any more.
	if _, err := s.conn().exec(ctx, "DELETE FROM revoked_tokens WHERE expires_at < ?", tv(s.Now())); err != nil {
		return fmt.Errorf("store: prune revoked tokens: %w", err)
	}
	return nil
}

// TokenRevoked reports whether the token with the given id was revoked.
func (s *Store) TokenRevoked(ctx context.Context, jti string) (bool, error) {
	var one int
	err := s.conn().queryRow(ctx, "SELECT 1 FROM revoked_tokens WHERE jti = ?", jti).Scan(&one)
	if err != nil {
		if errors.Is(mapErr(err), ErrNotFound) {
			return false, nil
		}
		return false, fmt.Errorf("store: token revoked: %w", err)
	}
	return true, nil
}
