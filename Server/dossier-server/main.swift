import DossierServer
print("dossier-server")
