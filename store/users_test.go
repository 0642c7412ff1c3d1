package store_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// loadUser reads the account with the given id.
func loadUser(t *testing.T, s *store.Store, id int64) *clinic.User {
	t.Helper()
	u, err := s.User(t.Context(), id)
	if err != nil {
		t.Fatalf("User(%d): %v", id, err)
	}
	return u
}

func TestCreateUser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fixedClock(s)
		u := newUser("ada")
		u.HireDate = &clinic.Date{Year: 2019, Month: time.September, Day: 2}
		if err := s.CreateUser(t.Context(), u); err != nil {
			t.Fatalf("CreateUser: %v", err)
		}
		if u.ID == 0 {
			t.Error("CreateUser left ID 0")
		}
		for _, got := range []time.Time{u.DateJoined, u.CreatedAt, u.UpdatedAt} {
			if !got.Equal(epoch) {
				t.Errorf("CreateUser set a time to %v, want %v", got, epoch)
			}
		}

		if got := loadUser(t, s, u.ID); !reflect.DeepEqual(got, u) {
			t.Errorf("User(%d) = %+v, want %+v", u.ID, got, u)
		}
		got, err := s.UserByUsername(t.Context(), "ada")
		if err != nil || !reflect.DeepEqual(got, u) {
			t.Errorf("UserByUsername(ada) = %+v, %v; want %+v", got, err, u)
		}
	})
}

func TestCreateUserTakenUsername(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createUser(t, s, "ada")
		err := s.CreateUser(t.Context(), newUser("ada"))
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("CreateUser(ada) again: got %v, want ErrConflict", err)
		}
		if n, _ := s.CountUsers(t.Context()); n != 1 {
			t.Errorf("CountUsers = %d, want 1", n)
		}
	})
}

func TestUserNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		missing := newUser("ghost")
		missing.ID = 404
		calls := map[string]func() error{
			"User": func() error { _, err := s.User(ctx, 404); return err },
			"UserByUsername": func() error {
				_, err := s.UserByUsername(ctx, "ghost")
				return err
			},
			"UpdateProfile": func() error { return s.UpdateProfile(ctx, missing) },
			"SetPassword": func() error {
				return s.SetPassword(ctx, 404, "h", true)
			},
			"SetRole": func() error {
				return s.SetRole(ctx, 404, clinic.RoleNurse)
			},
			"SetActive": func() error { return s.SetActive(ctx, 404, false) },
		}
		for name, call := range calls {
			if err := call(); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s of a missing user: got %v, want ErrNotFound", name, err)
			}
		}
	})
}

func TestUpdateProfile(t *testing.T) {
	day := func(y int, m time.Month, d int) *clinic.Date {
		return &clinic.Date{Year: y, Month: m, Day: d}
	}
	tests := []struct {
		name          string
		before, after *clinic.Date
	}{
		{"hire date set", nil, day(2021, time.January, 4)},
		{"hire date cleared", day(2021, time.January, 4), nil},
		{"hire date changed",
			day(2021, time.January, 4), day(2023, time.December, 31)},
		{"no hire date", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, s *store.Store) {
				checkUpdateProfile(t, s, tt.before, tt.after)
			})
		})
	}
}

// checkUpdateProfile changes every profile field of an account, and a few
// fields that are not the profile's, and checks that only the profile's
// were saved.
func checkUpdateProfile(t *testing.T, s *store.Store, before, after *clinic.Date) {
	tickingClock(s)
	u := newUser("ada")
	u.HireDate = before
	if err := s.CreateUser(t.Context(), u); err != nil {
		t.Fatalf("CreateUser: %v", err)
	}

	edit := *u
	edit.Email = "zoe@example.fr"
	edit.FirstName, edit.LastName = "Zoé", "Lefèvre-Nguyễn"
	edit.Phone, edit.Specialization = "+33 6 00 00 00 00", "Cardiologie"
	edit.LicenseNumber, edit.Department = "10009876543", "Urgences"
	edit.HireDate, edit.DisplayName = after, "Dr Lefèvre"
	edit.Bio, edit.ClinicAddress = "Cardiologue.", "8 quai Saint-Vincent, Lyon"
	edit.Username, edit.PasswordHash, edit.Role = "zoe", "other-hash", clinic.RoleNurse
	if err := s.UpdateProfile(t.Context(), &edit); err != nil {
		t.Fatalf("UpdateProfile: %v", err)
	}
	if !edit.UpdatedAt.After(u.UpdatedAt) {
		t.Errorf("UpdatedAt = %v, want after %v", edit.UpdatedAt, u.UpdatedAt)
	}

	want := edit
	want.Username, want.PasswordHash, want.Role = u.Username, u.PasswordHash, u.Role
	if got := loadUser(t, s, u.ID); !reflect.DeepEqual(got, &want) {
		t.Errorf("after UpdateProfile\n got %+v\nwant %+v", got, &want)
	}
}

func TestSetPassword(t *testing.T) {
	tests := []struct {
		endSessions bool
		wantGen     int64
	}{
		{endSessions: false, wantGen: 0},
		{endSessions: true, wantGen: 1},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		for i, tt := range tests {
			u := createUser(t, s, fmt.Sprint("user", i))
			err := s.SetPassword(t.Context(), u.ID, "new-hash", tt.endSessions)
			if err != nil {
				t.Fatalf("SetPassword: %v", err)
			}
			got := loadUser(t, s, u.ID)
			if got.PasswordHash != "new-hash" || got.TokenGeneration != tt.wantGen {
				t.Errorf("SetPassword(endSessions %v): hash %q, generation %d;"+
					" want %q, %d", tt.endSessions, got.PasswordHash,
					got.TokenGeneration, "new-hash", tt.wantGen)
			}
		}
	})
}

func TestSetRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u := createUser(t, s, "ada")
		for _, role := range []clinic.Role{clinic.RoleNurse, clinic.RoleAdmin} {
			if err := s.SetRole(t.Context(), u.ID, role); err != nil {
				t.Fatalf("SetRole(%s): %v", role, err)
			}
			if got := loadUser(t, s, u.ID).Role; got != role {
				t.Errorf("after SetRole(%s): role %s", role, got)
			}
		}
	})
}

func TestSetActive(t *testing.T) {
	// One account goes through the steps in order.
	steps := []struct {
		active  bool
		wantGen int64
	}{
		{active: false, wantGen: 1},
		{active: true, wantGen: 1},
		{active: false, wantGen: 2},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u := createUser(t, s, "ada")
		for _, st := range steps {
			if err := s.SetActive(t.Context(), u.ID, st.active); err != nil {
				t.Fatalf("SetActive(%v): %v", st.active, err)
			}
			got := loadUser(t, s, u.ID)
			if got.IsActive != st.active || got.TokenGeneration != st.wantGen {
				t.Errorf("after SetActive(%v): active %v, generation %d;"+
					" want %v, %d", st.active, got.IsActive,
					got.TokenGeneration, st.active, st.wantGen)
			}
		}
	})
}

func TestUsersByUsername(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if n, err := s.CountUsers(t.Context()); err != nil || n != 0 {
			t.Errorf("CountUsers on a new store = %d, %v; want 0, nil", n, err)
		}
		for _, name := range []string{"zoe", "adam", "mia"} {
			createUser(t, s, name)
		}

		users, err := s.Users(t.Context())
		if err != nil {
			t.Fatalf("Users: %v", err)
		}
		var got []string
		for _, u := range users {
			got = append(got, u.Username)
		}
		if want := []string{"adam", "mia", "zoe"}; !slices.Equal(got, want) {
			t.Errorf("Users = %q, want %q", got, want)
		}
		if n, err := s.CountUsers(t.Context()); err != nil || n != 3 {
			t.Errorf("CountUsers = %d, %v; want 3, nil", n, err)
		}
	})
}

func TestRevokeToken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fixedClock(s)
		ctx := t.Context()
		revoke := []struct {
			jti     string
			expires time.Time
		}{
			{"live", epoch.Add(time.Hour)},
			{"live", epoch.Add(time.Hour)}, // twice is fine
			{"expired", epoch.Add(-time.Minute)},
		}
		for _, r := range revoke {
			if err := s.RevokeToken(ctx, r.jti, r.expires); err != nil {
				t.Errorf("RevokeToken(%s): %v", r.jti, err)
			}
		}

		// An expired token is refused anyway, so its entry is dropped.
		want := map[string]bool{"live": true, "expired": false, "never": false}
		for jti, w := range want {
			if got, err := s.TokenRevoked(ctx, jti); err != nil || got != w {
				t.Errorf("TokenRevoked(%s) = %v, %v; want %v, nil", jti, got, err, w)
			}
		}
	})
}
