module github.com/marsad/marsad

go 1.26.8
