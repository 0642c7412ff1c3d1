package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// fileColumns are a patient file's list, table and CSV columns.
func fileColumns(a *app) []column[clinic.PatientFile] {
	type col = column[clinic.PatientFile]
	return []col{
		{key: "id", value: func(f clinic.PatientFile) string {
			return strconv.FormatInt(f.ID, 10)
		}},
		{key: "original_filename", value: func(f clinic.PatientFile) string {
			return f.OriginalFilename
		}},
		{key: "category", value: func(f clinic.PatientFile) string { return f.Category }},
		{key: "file_size", value: func(f clinic.PatientFile) string {
			return strconv.FormatInt(f.Size, 10)
		}},
		{key: "file_type", value: func(f clinic.PatientFile) string { return f.Type }},
		{key: "description", value: func(f clinic.PatientFile) string { return f.Description }},
		{key: "uploaded_by_name", value: func(f clinic.PatientFile) string {
			return f.UploadedByName
		}},
		{key: "uploaded_at", value: func(f clinic.PatientFile) string {
			return a.when(&f.UploadedAt)
		}},
	}
}

func newFilesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "files",
		Short: "List, upload, download and delete a patient's documents",
		Example: `  clinicflow files list --patient 12
  clinicflow files upload --patient 12 bilan.pdf --category lab_result
  clinicflow files download --patient 12 3`,
		PersistentPreRunE: a.prepare,
	}
	cmd.AddCommand(newFilesListCmd(a), newFilesUploadCmd(a), newFilesDownloadCmd(a),
		newFilesDeleteCmd(a))
	return cmd
}

// patientFlag adds --patient to a files verb.
func patientFlag(cmd *cobra.Command, patient *string) {
	cmd.Flags().StringVar(patient, "patient", "", "the patient (ID or code such as PT-000012)")
}

// askPatient reads --patient, asking on a terminal when it is missing.
func (a *app) askPatient(patient string) (int64, error) {
	k := a.asker()
	k.text(&patient, "patient", a.t("cli.col.patient", nil)+" (ID, PT-…)", true)
	if err := k.err(); err != nil {
		return 0, err
	}
	return patientRef("--patient", patient)
}

func newFilesListCmd(a *app) *cobra.Command {
	var o listOptions
	var patient string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List a patient's documents, newest first",
		Example: `  clinicflow files list --patient 12
  clinicflow files list --patient PT-000012 --all -o csv > documents.csv`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(o.format); err != nil {
				return err
			}
			pid, err := a.askPatient(patient)
			if err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			cols := fileColumns(a)
			return printList(a, o, cols, c.Files(a.ctx(cmd), pid),
				func(lo client.ListOptions) (*client.Page[clinic.PatientFile], error) {
					return c.ListFiles(a.ctx(cmd), pid, lo)
				})
		},
	}
	listFlags(cmd, &o)
	patientFlag(cmd, &patient)
	return cmd
}

// uploadOptions are upload's flags.
type uploadOptions struct {
	patient, category, description, format string
}

func newFilesUploadCmd(a *app) *cobra.Command {
	var o uploadOptions
	cmd := &cobra.Command{
		Use:   "upload FILE",
		Short: "Add a document to a patient's record (PDF, JPEG, PNG, GIF, DOC, DOCX; 10 MiB)",
		Example: `  clinicflow files upload --patient 12 bilan.pdf --category lab_result \
    --description "NFS"
  clinicflow files upload --patient PT-000012 radio.png --category imaging`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(a, cmd, args[0]) },
	}
	patientFlag(cmd, &o.patient)
	cmd.Flags().StringVar(&o.category, "category", "",
		"lab_result, imaging, prescription, consent, insurance or other (the default)")
	cmd.Flags().StringVar(&o.description, "description", "", "what the document is")
	outputFlag(cmd, &o.format)
	return cmd
}

func (o *uploadOptions) run(a *app, cmd *cobra.Command, path string) error {
	if err := checkFormat(o.format); err != nil {
		return err
	}
	if o.category != "" && !slices.Contains(clinic.FileCategories, o.category) {
		return usageError{fmt.Errorf("--category %q: want one of %s", o.category,
			strings.Join(clinic.FileCategories, ", "))}
	}
	pid, err := a.askPatient(o.patient)
	if err != nil {
		return err
	}
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	c, err := a.apiClient()
	if err != nil {
		return err
	}
	f, err := c.UploadFile(a.ctx(cmd), pid, filepath.Base(path), file, o.category, o.description)
	if err != nil {
		return err
	}
	return printOne(a, o.format, fileColumns(a), *f)
}

func newFilesDownloadCmd(a *app) *cobra.Command {
	var patient, target string
	cmd := &cobra.Command{
		Use:   "download FILE_ID",
		Short: "Save a document of a patient's record, byte for byte",
		Example: `  clinicflow files download --patient 12 3            # under its own name, here
  clinicflow files download --patient 12 3 -o ~/bilan.pdf
  clinicflow files download --patient 12 3 -o - | lp`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "file")
			if err != nil {
				return err
			}
			pid, err := a.askPatient(patient)
			if err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			data, name, err := c.DownloadFile(a.ctx(cmd), pid, id)
			if err != nil {
				return err
			}
			d := &client.Download{Name: name, Size: int64(len(data)),
				Body: io.NopCloser(bytes.NewReader(data))}
			return a.writeDownload(d, target, fmt.Sprintf("file_%d", id))
		},
	}
	patientFlag(cmd, &patient)
	cmd.Flags().StringVarP(&target, "output", "o", "",
		"file to write, - for standard output (default its own name, in the current folder)")
	return cmd
}

func newFilesDeleteCmd(a *app) *cobra.Command {
	var patient string
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete FILE_ID",
		Short: "Delete a document from a patient's record (asks first on a terminal)",
		Example: `  clinicflow files delete --patient 12 3
  clinicflow files delete --patient 12 3 --yes`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var pid int64
			return a.runDelete(cmd, args[0], yes, deletion{
				what: "file", confirm: "cli.file_delete_confirm", done: "cli.file_deleted",
				before: func() (err error) {
					pid, err = a.askPatient(patient)
					return err
				},
				ask: func(c *client.Client, ctx context.Context, id int64) (map[string]any, error) {
					f, err := c.File(ctx, pid, id)
					if err != nil {
						return nil, err
					}
					return map[string]any{"Name": f.OriginalFilename}, nil
				},
				del: func(c *client.Client, ctx context.Context, id int64) error {
					return c.DeleteFile(ctx, pid, id)
				},
			})
		},
	}
	patientFlag(cmd, &patient)
	yesFlag(cmd, &yes)
	return cmd
}
