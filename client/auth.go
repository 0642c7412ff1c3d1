package client

import (
	"context"

	"clinicflow/clinic"
)

// Me returns the signed-in account.
func (c *Client) Me(ctx context.Context) (*clinic.Me, error) {
	var me clinic.Me
	if err := c.do(ctx, "GET", "/api/auth/me/", nil, nil, &me); err != nil {
		return nil, err
	}
	return &me, nil
}

// ProfileChange is a partial change of the signed-in account; nil fields
// stay as they are.
type ProfileChange struct {
	Email          *string `json:"email,omitempty"`
	FirstName      *string `json:"first_name,omitempty"`
	LastName       *string `json:"last_name,omitempty"`
	Phone          *string `json:"phone,omitempty"`
	Specialization *string `json:"specialization,omitempty"`
	LicenseNumber  *string `json:"license_number,omitempty"`
	Department     *string `json:"department,omitempty"`
	HireDate       *string `json:"hire_date,omitempty"`
	DisplayName    *string `json:"display_name,omitempty"`
	Bio            *string `json:"bio,omitempty"`
	ClinicAddress  *string `json:"clinic_address,omitempty"`
}

// UpdateProfile changes the signed-in account and returns it as it is now.
func (c *Client) UpdateProfile(ctx context.Context, change ProfileChange) (*clinic.Me, error) {
	var me clinic.Me
	if err := c.do(ctx, "PATCH", "/api/auth/profile/", nil, change, &me); err != nil {
		return nil, err
	}
	return &me, nil
}

// ChangePassword changes the signed-in account's password. Every token of
// the account stops working, this client's too: sign in again after.
func (c *Client) ChangePassword(ctx context.Context, current, next string) error {
	err := c.do(ctx, "POST", "/api/auth/change-password/", nil, map[string]string{
		"current_password": current, "new_password": next, "confirm_password": next}, nil)
	if err == nil {
		c.setTokens("", "")
	}
	return err
}
